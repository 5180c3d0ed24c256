import "server-only";
import type Database from "better-sqlite3";
import { DAY_MS, RAW_HORIZON_MS, ROLLUP_HORIZON_MS } from "@/lib/time/horizons";
import { completeThrough, createRollupBlocks } from "./rollup-blocks";
import { ROLLUP_TIERS } from "./schema";

export interface RetentionOptions {
  /** Raw samples are kept this long (default 48 h). */
  rawRetentionMs: number;
  /** Roll-ups are kept this long (default 90 days). */
  rollupRetentionMs: number;
  /** Scrape outcomes are kept this long (default 7 days). */
  scrapeRetentionMs: number;
  /** Change events are kept as long as the roll-ups they mark (default 90 days). */
  eventRetentionMs: number;
  /**
   * Roll-up blocks compacted per run at most, so one run stays short (default 20,000; steady state
   * is ~1,300 for 1,000 endpoints every 10 minutes): months of rows catch up over later runs.
   */
  compactBlocksPerRun: number;
}

export const DEFAULT_RETENTION: RetentionOptions = {
  rawRetentionMs: RAW_HORIZON_MS,
  rollupRetentionMs: ROLLUP_HORIZON_MS,
  scrapeRetentionMs: 7 * DAY_MS,
  eventRetentionMs: ROLLUP_HORIZON_MS,
  compactBlocksPerRun: 20_000,
};

export interface RetentionResult {
  samplesDeleted: number;
  rollupsDeleted: number;
  scrapesDeleted: number;
  eventsDeleted: number;
  seriesDeleted: number;
  /** Roll-up blocks written from their rows this run (see compactBlocksPerRun). */
  blocksCompacted: number;
}

const RAW_HORIZON_KEY = "raw_horizon_ms";

/** The raw horizon as the database holds it now, for a connection that does not run retention. */
export function readRawHorizon(db: Database.Database): () => number {
  const select = db.prepare<[], number>(`SELECT value FROM meta WHERE key = '${RAW_HORIZON_KEY}'`).pluck();
  return () => select.get() ?? 0;
}

/** Deletes what is past retention, series by series so every delete is a range scan of the key. */
export function createRetention(db: Database.Database, options: RetentionOptions) {
  const seriesIds = db.prepare<[], number>("SELECT id FROM series").pluck();
  // Chunks never cross an hour, so a cut at a whole hour deletes exactly the samples before it.
  const deleteChunks = db
    .prepare<[number, number, number], number>(
      "DELETE FROM chunks WHERE series_id = ? AND start <= ? AND end <= ? RETURNING n",
    )
    .pluck();
  const deleteRollups = ROLLUP_TIERS.map((tier) =>
    db.prepare<[number, number]>(`DELETE FROM ${tier.table} WHERE series_id = ? AND b <= ?`),
  );
  const deleteScrapes = db.prepare<[number]>("DELETE FROM scrapes WHERE at < ?");
  const deleteEvents = db.prepare<[number]>("DELETE FROM events WHERE at < ?");
  const blocks = createRollupBlocks(db);
  // A series with neither raw samples nor hourly roll-ups left is forgotten (its replica is long gone).
  const hourly = ROLLUP_TIERS[ROLLUP_TIERS.length - 1]?.table;
  const deleteEmptySeries = db.prepare(
    `DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM ${hourly} r WHERE r.series_id = series.id)
       AND NOT EXISTS (SELECT 1 FROM ${hourly}_blocks r WHERE r.series_id = series.id)
       AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.series_id = series.id)`,
  );
  const upsertHorizon = db.prepare<[number]>(
    `INSERT INTO meta (key, value) VALUES ('${RAW_HORIZON_KEY}', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  let rawHorizonMs = readRawHorizon(db)();

  const apply = db.transaction((nowMs: number): RetentionResult => {
    const rawCutMs = nowMs - options.rawRetentionMs;
    const result: RetentionResult = {
      samplesDeleted: 0,
      rollupsDeleted: 0,
      scrapesDeleted: 0,
      eventsDeleted: 0,
      seriesDeleted: 0,
      blocksCompacted: 0,
    };
    for (const id of seriesIds.all()) {
      for (const n of deleteChunks.all(id, rawCutMs, rawCutMs)) result.samplesDeleted += n;
      ROLLUP_TIERS.forEach((tier, i) => {
        const resMs = tier.resolutionS * 1000;
        const cutB = Math.floor((nowMs - options.rollupRetentionMs) / resMs);
        result.rollupsDeleted += deleteRollups[i]?.run(id, cutB).changes ?? 0;
        // Blocks go whole, once all of their buckets are past retention (as Prometheus drops blocks).
        result.rollupsDeleted += blocks.deleteThrough(i, id, cutB);
        if (result.blocksCompacted < options.compactBlocksPerRun) {
          result.blocksCompacted += blocks.compact(i, id, completeThrough(nowMs, resMs), Math.floor(nowMs / resMs));
        }
      });
    }
    result.scrapesDeleted = deleteScrapes.run(nowMs - options.scrapeRetentionMs).changes;
    result.eventsDeleted = deleteEvents.run(nowMs - options.eventRetentionMs).changes;
    result.seriesDeleted = deleteEmptySeries.run().changes;
    rawHorizonMs = Math.max(rawHorizonMs, rawCutMs);
    upsertHorizon.run(rawHorizonMs);
    return result;
  });

  return {
    applyRetention: (nowMs: number): RetentionResult => apply(nowMs),
    /** Whether a run that compacted this many blocks stopped at the limit (more may be left). */
    compactionLimited: (blocksCompacted: number): boolean => blocksCompacted >= options.compactBlocksPerRun,
    /** Raw samples at or before this time may have been deleted. */
    rawHorizonMs: (): number => rawHorizonMs,
  };
}
