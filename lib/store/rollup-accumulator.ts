import "server-only";
import type Database from "better-sqlite3";
import { ROLLUP_TIERS, type RollupTier } from "./schema";

interface Cell {
  seriesId: number;
  b: number;
  count: number;
  sum: number;
  max: number;
}

// Bucket indexes stay below 2^24 (5-minute buckets until the year 2129), so one number keys a cell.
const BUCKET_SPAN = 2 ** 24;

/**
 * Collects one batch's contributions per (series, bucket) for every tier, then adds them to the
 * roll-up tables with one upsert per cell: a batch of an hour of 15 s samples costs 13 upserts
 * per series, not 480.
 */
export function createRollupAccumulator(db: Database.Database) {
  const upserts = ROLLUP_TIERS.map((tier) =>
    db.prepare<[number, number, number, number, number]>(
      `INSERT INTO ${tier.table} (series_id, b, count, sum, max) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_id, b) DO UPDATE SET
         count = count + excluded.count, sum = sum + excluded.sum, max = MAX(max, excluded.max)`,
    ),
  );
  const cells = ROLLUP_TIERS.map(() => new Map<number, Cell>());

  function add(seriesId: number, tsMs: number, count: number, contribution: number): void {
    for (let i = 0; i < ROLLUP_TIERS.length; i++) {
      const b = Math.ceil(tsMs / ((ROLLUP_TIERS[i] as RollupTier).resolutionS * 1000));
      const key = seriesId * BUCKET_SPAN + b;
      const tierCells = cells[i] as Map<number, Cell>;
      const cell = tierCells.get(key);
      if (cell) {
        cell.count += count;
        cell.sum += contribution;
        if (contribution > cell.max) cell.max = contribution;
      } else {
        tierCells.set(key, { seriesId, b, count, sum: contribution, max: contribution });
      }
    }
  }

  function flush(): void {
    cells.forEach((tierCells, i) => {
      const upsert = upserts[i];
      for (const c of tierCells.values()) upsert?.run(c.seriesId, c.b, c.count, c.sum, c.max);
      tierCells.clear();
    });
  }

  function discard(): void {
    for (const tierCells of cells) tierCells.clear();
  }

  return { add, flush, discard };
}
