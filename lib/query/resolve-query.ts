import { SERIES_LIMITS, type SeriesQueryParams } from "@/lib/api/schemas";
import { gridLength } from "@/lib/time/grid";
import { alignRange, chooseStepMs, finestStepMs } from "@/lib/time/step";
import type { PanelQuery } from "./types";

export interface ResolveOptions {
  nowMs: number;
  /** The endpoint's scrape interval: no step finer than the data. */
  scrapeIntervalMs: number;
}

/** A bad range in words for a 400 answer. */
export class QueryRangeError extends Error {}

/**
 * Series query parameters → a PanelQuery: the last hour by default, the server's step (from the
 * chart's `width`) when none is given or the given one would exceed the point cap, from/to aligned.
 */
export function resolvePanelQuery(params: SeriesQueryParams, options: ResolveOptions): PanelQuery {
  const toMs = params.to ?? options.nowMs;
  const fromMs = params.from ?? toMs - SERIES_LIMITS.defaultRangeMs;
  if (fromMs >= toMs) throw new QueryRangeError(`"from" (${fromMs}) must be before "to" (${toMs})`);
  if (toMs - fromMs > SERIES_LIMITS.maxRangeMs) {
    const days = (toMs - fromMs) / 86_400_000;
    throw new QueryRangeError(
      `range of ${Math.round(days)} days exceeds the maximum of ${SERIES_LIMITS.maxRangeMs / 86_400_000} days`,
    );
  }
  const serverStepMs = chooseStepMs(toMs - fromMs, {
    widthPx: params.width,
    minStepMs: finestStepMs(fromMs, options.nowMs, options.scrapeIntervalMs),
    maxPoints: SERIES_LIMITS.maxPointsPerSeries,
  });
  let stepMs = params.step ?? serverStepMs;
  let aligned = alignRange(fromMs, toMs, stepMs);
  if (gridLength(aligned.fromMs, aligned.toMs, stepMs) > SERIES_LIMITS.maxPointsPerSeries) {
    stepMs = serverStepMs;
    aligned = alignRange(fromMs, toMs, stepMs);
  }
  const query: PanelQuery = { panel: params.panel, ...aligned, stepMs };
  if (params.replica !== undefined) query.replica = params.replica;
  if (params.by !== undefined) query.by = params.by;
  if (params.agg !== undefined) query.agg = params.agg;
  return query;
}
