import "server-only";
import type Database from "better-sqlite3";
import type { CanonicalSample } from "@/lib/model/canonical";
import { createChunkHeads } from "./chunk-heads";
import { blockOf, createChunkTable, lastOf, neighbours, type Sample } from "./chunk-table";
import { counterIncrease, isCumulative } from "./counters";
import { createRollupAccumulator } from "./rollup-accumulator";
import { createSeriesRegistry } from "./series-registry";

export interface WriteResult {
  written: number;
  /** Already stored (same series and millisecond) or not finite (NaN is a gap, not a value). */
  ignored: number;
}

/** Timestamps are stored as whole ms, rounded up so a sample stays in its (t − step, t] window. */
function toStoredMs(timestampMs: number): number {
  return Math.ceil(timestampMs);
}

/**
 * Writes samples into per-series chunks, and their roll-up contributions. A sample newer than its
 * series' latest is appended to the open chunk; an older one (late or repeated) is merged into the
 * chunk that covers it, and counts only if new. One writer per database file (the caches assume it).
 */
export function createSampleWriter(db: Database.Database) {
  const registry = createSeriesRegistry(db);
  const rollups = createRollupAccumulator(db);
  const table = createChunkTable(db);
  const heads = createChunkHeads(table);
  // Latest sample per series; survives raw retention, reloaded from disk after a restart.
  // null: the series has no sample yet.
  let latestBySeries = new Map<number, Sample | null>();

  function latestOf(seriesId: number): Sample | null {
    let latest = latestBySeries.get(seriesId);
    if (latest === undefined) {
      latest = lastOf(table.atOrBefore(seriesId, Number.MAX_SAFE_INTEGER));
      latestBySeries.set(seriesId, latest);
    }
    return latest;
  }

  /** A sample older than the series' latest: stored only if new; a counter's successor changes too. */
  function writeLate(seriesId: number, ts: number, value: number, cumulative: boolean): boolean {
    heads.flush();
    const holder = table.atOrBefore(seriesId, ts);
    if (holder?.ts.includes(ts)) return false;
    const { prev, next } = cumulative ? neighbours(table, seriesId, ts) : { prev: null, next: null };
    if (holder && blockOf(holder.start) === blockOf(ts)) {
      const at = holder.ts.findIndex((t) => t > ts);
      const tsList = Array.from(holder.ts);
      const values = Array.from(holder.values);
      tsList.splice(at < 0 ? tsList.length : at, 0, ts);
      values.splice(at < 0 ? values.length : at, 0, value);
      table.write(seriesId, tsList, values, tsList.length);
    } else {
      table.write(seriesId, [ts], [value], 1);
    }
    heads.drop(seriesId);
    if (!cumulative) {
      rollups.add(seriesId, ts, 1, value);
      return true;
    }
    rollups.add(seriesId, ts, 1, prev ? counterIncrease(prev.value, value) : 0);
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
    const ts = toStoredMs(sample.timestampMs);
    const cumulative = isCumulative(sample.metric);
    const latest = latestOf(seriesId);
    if (latest && latest.ts >= ts) return writeLate(seriesId, ts, value, cumulative);
    heads.append(seriesId, ts, value);
    const contribution = !cumulative ? value : latest ? counterIncrease(latest.value, value) : 0;
    rollups.add(seriesId, ts, 1, contribution);
    latestBySeries.set(seriesId, { ts, value });
    return true;
  }

  const writeBatch = db.transaction((endpointId: string, samples: readonly CanonicalSample[]) => {
    let written = 0;
    for (const sample of samples) if (writeOne(endpointId, sample)) written++;
    heads.flush();
    rollups.flush();
    return written;
  });

  function forget(): void {
    registry.forget();
    rollups.discard();
    heads.forget();
    latestBySeries = new Map();
  }

  return {
    forget,
    /** Retention may have deleted open chunks: reload them; the latest values still count. */
    forgetChunks: (): void => heads.forget(),
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
