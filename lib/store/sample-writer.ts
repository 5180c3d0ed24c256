import type Database from "better-sqlite3";
import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import { createRollupAccumulator } from "./rollup-accumulator";
import { createSeriesRegistry } from "./series-registry";

/** Cumulative counters: roll-ups keep their reset-aware increases, not their values. */
const CUMULATIVE: ReadonlySet<CanonicalMetric> = new Set<CanonicalMetric>([
  "requests_total",
  "latency_bucket_cumulative_ms",
]);

export function isCumulative(metric: CanonicalMetric): boolean {
  return CUMULATIVE.has(metric);
}

/** Increase from prev to value; a drop means the counter restarted, so all of value is new. */
export function counterIncrease(prev: number, value: number): number {
  return value >= prev ? value - prev : value;
}

export interface WriteResult {
  written: number;
  /** Already stored (same series and second) or not finite (NaN is a gap, not a value). */
  ignored: number;
}

interface Latest {
  ts: number;
  value: number;
}

/** Timestamps are stored as whole seconds, rounded up so a sample stays in its (t − step, t] window. */
export function toStoredSeconds(timestampMs: number): number {
  return Math.ceil(timestampMs / 1000);
}

/** Rows per multi-row INSERT: one statement call per 128 samples instead of one each. */
const INSERT_ROWS = 128;

/**
 * Writes samples and their roll-up contributions. A sample newer than its series' latest cannot be
 * stored yet, so it goes into a multi-row INSERT; an older one (late or repeated) is inserted alone
 * and counts only if the insert took. One writer per database file (the caches assume it).
 */
export function createSampleWriter(db: Database.Database) {
  const registry = createSeriesRegistry(db);
  const rollups = createRollupAccumulator(db);
  const insertOne = db.prepare<[number, number, number]>(
    "INSERT OR IGNORE INTO samples (series_id, ts, value) VALUES (?, ?, ?)",
  );
  const insertMany = db.prepare<[number[]]>(
    `INSERT OR IGNORE INTO samples (series_id, ts, value) VALUES ${Array(INSERT_ROWS).fill("(?, ?, ?)").join(", ")}`,
  );
  const selectLatest = db.prepare<[number], Latest>(
    "SELECT ts, value FROM samples WHERE series_id = ? ORDER BY ts DESC LIMIT 1",
  );
  const selectBefore = db.prepare<[number, number], Latest>(
    "SELECT ts, value FROM samples WHERE series_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1",
  );
  const selectAfter = db.prepare<[number, number], Latest>(
    "SELECT ts, value FROM samples WHERE series_id = ? AND ts > ? ORDER BY ts LIMIT 1",
  );
  // Latest sample per series; survives raw retention, reloaded from disk after a restart.
  // null: the series has no sample yet.
  let latestBySeries = new Map<number, Latest | null>();
  const pending: number[] = [];

  function flushPending(): void {
    let i = 0;
    for (; i + INSERT_ROWS * 3 <= pending.length; i += INSERT_ROWS * 3) {
      insertMany.run(pending.slice(i, i + INSERT_ROWS * 3));
    }
    for (; i < pending.length; i += 3) {
      insertOne.run(pending[i] as number, pending[i + 1] as number, pending[i + 2] as number);
    }
    pending.length = 0;
  }

  function latestOf(seriesId: number): Latest | null {
    let latest = latestBySeries.get(seriesId);
    if (latest === undefined) {
      latest = selectLatest.get(seriesId) ?? null;
      latestBySeries.set(seriesId, latest);
    }
    return latest;
  }

  /** A sample older than the series' latest: stored only if new; a counter's successor changes too. */
  function writeLate(seriesId: number, tsS: number, value: number, cumulative: boolean): boolean {
    flushPending();
    if (insertOne.run(seriesId, tsS, value).changes === 0) return false;
    if (!cumulative) {
      rollups.add(seriesId, tsS, 1, value);
      return true;
    }
    const prev = selectBefore.get(seriesId, tsS);
    const next = selectAfter.get(seriesId, tsS);
    rollups.add(seriesId, tsS, 1, prev ? counterIncrease(prev.value, value) : 0);
    if (next) {
      const before = prev ? counterIncrease(prev.value, next.value) : 0;
      rollups.add(seriesId, next.ts, 0, counterIncrease(value, next.value) - before);
    }
    return true;
  }

  function writeOne(endpointId: string, sample: CanonicalSample): boolean {
    const value = sample.value;
    if (!Number.isFinite(value)) return false;
    const seriesId = registry.idFor(endpointId, sample.metric, sample.labels);
    const tsS = toStoredSeconds(sample.timestampMs);
    const cumulative = isCumulative(sample.metric);
    const latest = latestOf(seriesId);
    if (latest && latest.ts >= tsS) return writeLate(seriesId, tsS, value, cumulative);
    pending.push(seriesId, tsS, value);
    const contribution = !cumulative ? value : latest ? counterIncrease(latest.value, value) : 0;
    rollups.add(seriesId, tsS, 1, contribution);
    latestBySeries.set(seriesId, { ts: tsS, value });
    return true;
  }

  const writeBatch = db.transaction((endpointId: string, samples: readonly CanonicalSample[]) => {
    let written = 0;
    for (const sample of samples) if (writeOne(endpointId, sample)) written++;
    flushPending();
    rollups.flush();
    return written;
  });

  function forget(): void {
    registry.forget();
    rollups.discard();
    pending.length = 0;
    latestBySeries = new Map();
  }

  return {
    forget,
    /** One transaction per call: all of the batch is stored, or none of it. */
    writeSamples(endpointId: string, samples: readonly CanonicalSample[]): WriteResult {
      try {
        const written = writeBatch(endpointId, inTimeOrder(samples));
        return { written, ignored: samples.length - written };
      } catch (error) {
        // The rollback undid rows these caches may already point at.
        forget();
        throw error;
      }
    },
  };
}

function inTimeOrder(samples: readonly CanonicalSample[]): readonly CanonicalSample[] {
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i] as CanonicalSample).timestampMs < (samples[i - 1] as CanonicalSample).timestampMs) {
      return [...samples].sort((a, b) => a.timestampMs - b.timestampMs);
    }
  }
  return samples;
}
