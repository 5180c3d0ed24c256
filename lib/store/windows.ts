import "server-only";
/** What the store answers a windowed read with: the shapes both its reader and its folds share. */
import type { CanonicalMetric } from "@/lib/model/canonical";

export interface WindowRange {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export interface WindowQuery extends WindowRange {
  endpointId: string;
  metric: CanonicalMetric;
  /** Keep only this replica's series; series with replica "all" are kept (no per-replica data). */
  replica?: string;
  /** Keep only the series whose label `name` is one of `values`: the others are not read. */
  labelIn?: { name: string; values: readonly string[] };
}

/**
 * One series summarised on the grid fromMs + k·stepMs: each point covers (t − step, t].
 * `sum` and `max` are over sample values, or over increases for cumulative counters.
 * A point with count 0 has no data.
 */
export interface SeriesWindows {
  labels: Record<string, string>;
  count: Float64Array;
  sum: Float64Array;
  max: Float64Array;
  /**
   * Raw counters only: ms between each counted increase's two samples, summed — the span the
   * window's increases cover (a step ± a scrape interval). Roll-ups tile time: 0, except in the
   * last window, which is read from raw samples while raw retention holds it (it may still be open).
   */
  coveredMs?: Float64Array;
}
