import "server-only";
import type Database from "better-sqlite3";
import { decodeColumns, encodeColumns, type DecodedColumns } from "./chunk-codec";
import { ROLLUP_TIERS } from "./schema";

/** Buckets per block: 8 h of 5-minute buckets, a day of 15-minute ones, 4 days of hourly ones. */
export const BLOCK_BUCKETS = 96;

/** Block k holds buckets k·96 + 1 … (k + 1)·96 (bucket b holds ((b − 1)·res, b·res]). */
export function blockOf(b: number): number {
  return Math.floor((b - 1) / BLOCK_BUCKETS);
}

/** The last bucket of the last block wholly at or before nowMs: its rows are compacted at every run. */
export function completeThrough(nowMs: number, resMs: number): number {
  return Math.floor(Math.floor(nowMs / resMs) / BLOCK_BUCKETS) * BLOCK_BUCKETS;
}

/**
 * Rows a series keeps beside its blocks before those of complete buckets go into the open block too.
 * A read costs ~1 µs a row and the open block's rows averaged 48 (a week's read of 64 series: ~3 ms
 * of 20); merging a series' rows every 24 buckets rewrites its open block 17 times a day over the tiers.
 */
export const ROWS_BEFORE_MERGE = 24;

/** A block's columns: keys are bucket indexes; count, sum and max as a roll-up row has them. */
const COLUMNS = 3;

/**
 * Roll-up buckets of complete blocks (and of the open block's complete buckets), one blob per series
 * and block, beside the per-bucket rows that the writer upserts. A chart of a week reads 8 blobs a
 * series instead of 672 rows. Rows and blocks add up: a late sample's row for a compacted bucket
 * counts until the next compaction merges it.
 */
export function createRollupBlocks(db: Database.Database) {
  const tiers = ROLLUP_TIERS.map(({ table }) => ({
    range: db
      .prepare<[number, number, number], Uint8Array>(
        `SELECT data FROM ${table}_blocks WHERE series_id = ? AND k >= ? AND k <= ? ORDER BY k`,
      )
      .pluck(),
    one: db
      .prepare<[number, number], Uint8Array>(`SELECT data FROM ${table}_blocks WHERE series_id = ? AND k = ?`)
      .pluck(),
    upsert: db.prepare<[number, number, number, Uint8Array]>(
      `INSERT INTO ${table}_blocks (series_id, k, n, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (series_id, k) DO UPDATE SET n = excluded.n, data = excluded.data`,
    ),
    deleteBefore: db
      .prepare<[number, number], number>(`DELETE FROM ${table}_blocks WHERE series_id = ? AND k < ? RETURNING n`)
      .pluck(),
    pending: db
      .prepare<[number, number], [number, number | null]>(
        `SELECT COUNT(*), MIN(b) FROM ${table} WHERE series_id = ? AND b <= ?`,
      )
      .raw(),
    rows: db
      .prepare<[number, number], number[]>(
        `SELECT b, count, sum, max FROM ${table} WHERE series_id = ? AND b <= ? ORDER BY b`,
      )
      .raw(),
    deleteRows: db.prepare<[number, number]>(`DELETE FROM ${table} WHERE series_id = ? AND b <= ?`),
  }));

  /** One block's buckets: what it held merged with rows (both ascending by bucket); a bucket in both adds up. */
  function merge(existing: DecodedColumns | null, rows: readonly number[][]): { n: number; blob: Uint8Array } {
    const held = existing ? toRows(existing) : [];
    const [keys, count, sum, max] = [[], [], [], []] as [number[], number[], number[], number[]];
    for (let i = 0, j = 0; i < held.length || j < rows.length;) {
      const takeHeld = j >= rows.length || (i < held.length && (held[i]?.[0] as number) <= (rows[j]?.[0] as number));
      const [b, c, s, m] = (takeHeld ? held[i++] : rows[j++]) as number[];
      const last = keys.length - 1;
      if (keys[last] === b) {
        count[last] = (count[last] as number) + (c as number);
        sum[last] = (sum[last] as number) + (s as number);
        max[last] = Math.max(max[last] as number, m as number);
      } else {
        keys.push(b as number);
        count.push(c as number);
        sum.push(s as number);
        max.push(m as number);
      }
    }
    return { n: keys.length, blob: encodeColumns(keys, [count, sum, max], keys.length) };
  }

  return {
    /** The blocks of tier `tier` that may hold buckets in (lo, hi], decoded, oldest first. */
    read(tier: number, seriesId: number, lo: number, hi: number): DecodedColumns[] {
      const statements = tiers[tier];
      if (!statements || hi <= lo) return [];
      return statements.range.all(seriesId, blockOf(lo + 1), blockOf(hi)).map((blob) => decodeColumns(blob, COLUMNS));
    },
    /**
     * Moves rows into their blocks, up to bucket `complete` (the last whole one), when some are of a
     * complete block (at or before `blockEnd`) or they number ROWS_BEFORE_MERGE; returns the blocks written.
     */
    compact(tier: number, seriesId: number, blockEnd: number, complete: number): number {
      const statements = tiers[tier];
      if (!statements) return 0;
      const [pending, first] = statements.pending.get(seriesId, complete) as [number, number | null];
      if (first === null || (first > blockEnd && pending < ROWS_BEFORE_MERGE)) return 0;
      const through = first <= blockEnd && pending < ROWS_BEFORE_MERGE ? blockEnd : complete;
      const rows = statements.rows.all(seriesId, through);
      let written = 0;
      for (let start = 0; start < rows.length;) {
        const k = blockOf(rows[start]?.[0] as number);
        let end = start;
        while (end < rows.length && blockOf(rows[end]?.[0] as number) === k) end++;
        const blob = statements.one.get(seriesId, k);
        const merged = merge(blob ? decodeColumns(blob, COLUMNS) : null, rows.slice(start, end));
        statements.upsert.run(seriesId, k, merged.n, merged.blob);
        written++;
        start = end;
      }
      if (rows.length > 0) statements.deleteRows.run(seriesId, through);
      return written;
    },
    /** Deletes the blocks whose buckets are all at or before `cut`; returns the buckets they held. */
    deleteThrough(tier: number, seriesId: number, cut: number): number {
      const statements = tiers[tier];
      if (!statements) return 0;
      let deleted = 0;
      for (const n of statements.deleteBefore.all(seriesId, blockOf(cut + 1))) deleted += n;
      return deleted;
    },
  };
}

/** A decoded block as roll-up rows [b, count, sum, max]. */
function toRows({ keys, columns }: DecodedColumns): number[][] {
  const [count, sum, max] = columns as [Float64Array, Float64Array, Float64Array];
  return Array.from(keys, (b, i) => [b, count[i] as number, sum[i] as number, max[i] as number]);
}
