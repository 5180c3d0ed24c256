import "server-only";
import type Database from "better-sqlite3";
import { decodeChunk, encodeChunk, type DecodedChunk } from "./chunk-codec";

/** A chunk never crosses an hour block ((b−1)·1 h, b·1 h], so retention at whole hours is exact. */
const CHUNK_BLOCK_MS = 3600_000;
/** Samples per chunk at most: rewriting the open chunk per batch stays cheap at 1 s scrapes. */
const CHUNK_MAX_SAMPLES = 240;

export function blockOf(tsMs: number): number {
  return Math.ceil(tsMs / CHUNK_BLOCK_MS);
}

/** Whether a sample at tsMs, newer than the chunk's last, must start a new chunk. */
export function startsNewChunk(lastTsMs: number | undefined, n: number, tsMs: number): boolean {
  return lastTsMs !== undefined && (n >= CHUNK_MAX_SAMPLES || blockOf(lastTsMs) !== blockOf(tsMs));
}

export interface Chunk extends DecodedChunk {
  start: number;
}

export interface Sample {
  ts: number;
  value: number;
}

/** Reads and writes one series' chunks (rows keyed by series and first timestamp). */
export function createChunkTable(db: Database.Database) {
  const upsert = db.prepare<[number, number, number, number, Uint8Array]>(
    `INSERT INTO chunks (series_id, start, end, n, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (series_id, start) DO UPDATE SET end = excluded.end, n = excluded.n, data = excluded.data`,
  );
  const lastAtOrBefore = db.prepare<[number, number], { start: number; data: Uint8Array }>(
    "SELECT start, data FROM chunks WHERE series_id = ? AND start <= ? ORDER BY start DESC LIMIT 1",
  );
  const firstAfter = db.prepare<[number, number], { start: number; data: Uint8Array }>(
    "SELECT start, data FROM chunks WHERE series_id = ? AND start > ? ORDER BY start LIMIT 1",
  );
  // The chunk holding the last sample at or before lo comes too: a counter's first increase needs it.
  const range = db
    .prepare<{ id: number; lo: number; hi: number }, Uint8Array>(
      `SELECT data FROM chunks WHERE series_id = @id AND start <= @hi AND start >= COALESCE(
         (SELECT MAX(start) FROM chunks WHERE series_id = @id AND start <= @lo), @lo) ORDER BY start`,
    )
    .pluck();

  const toChunk = (row: { start: number; data: Uint8Array } | undefined): Chunk | null =>
    row ? { start: row.start, ...decodeChunk(row.data) } : null;

  return {
    write(seriesId: number, ts: ArrayLike<number>, values: ArrayLike<number>, n: number): void {
      upsert.run(seriesId, ts[0] as number, ts[n - 1] as number, n, encodeChunk(ts, values, n));
    },
    /** The last chunk starting at or before tsMs (MAX_SAFE_INTEGER: the series' last chunk). */
    atOrBefore: (seriesId: number, tsMs: number): Chunk | null => toChunk(lastAtOrBefore.get(seriesId, tsMs)),
    after: (seriesId: number, tsMs: number): Chunk | null => toChunk(firstAfter.get(seriesId, tsMs)),
    /** Decoded chunks that may hold samples in (lo, hi], and the last sample at or before lo. */
    read: (seriesId: number, lo: number, hi: number): DecodedChunk[] =>
      range.all({ id: seriesId, lo, hi }).map(decodeChunk),
  };
}

/** The latest sample before tsMs and the earliest after it, across chunk boundaries. */
export function neighbours(
  table: ReturnType<typeof createChunkTable>,
  seriesId: number,
  tsMs: number,
): { prev: Sample | null; next: Sample | null } {
  const holder = table.atOrBefore(seriesId, tsMs);
  let prev: Sample | null = null;
  let next: Sample | null = null;
  if (holder) {
    for (let i = 0; i < holder.ts.length; i++) {
      const t = holder.ts[i] as number;
      if (t < tsMs) prev = { ts: t, value: holder.values[i] as number };
      else if (t > tsMs) {
        next = { ts: t, value: holder.values[i] as number };
        break;
      }
    }
  }
  if (!next) {
    const following = table.after(seriesId, tsMs);
    if (following && following.ts.length > 0)
      next = { ts: following.ts[0] as number, value: following.values[0] as number };
  }
  return { prev, next };
}

export function lastOf(chunk: DecodedChunk | null): Sample | null {
  const n = chunk?.ts.length ?? 0;
  return chunk && n > 0 ? { ts: chunk.ts[n - 1] as number, value: chunk.values[n - 1] as number } : null;
}
