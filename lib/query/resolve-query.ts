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
 * from rounded down and to rounded up to the step; from then moved in by whole steps where the
 * answer would cover more than the maximum range (a coarse step aligns outwards by up to two steps).
 */
function alignWithinMaxRange(fromMs: number, toMs: number, stepMs: number): { fromMs: number; toMs: number } {
  const aligned = alignRange(fromMs, toMs, stepMs);
  const earliestMs = aligned.toMs - Math.floor(SERIES_LIMITS.maxRangeMs / stepMs) * stepMs;
  return { fromMs: Math.max(aligned.fromMs, earliestMs), toMs: aligned.toMs };
}

/**
 * The range a query names: the last hour up to `to` (default now) when `from` is absent; throws
 * QueryRangeError unless from < to and the range is at most the maximum (every ranged route's rule).
 */
export function resolveRangeBounds(
  params: { from?: number; to?: number },
  nowMs: number,
): { fromMs: number; toMs: number } {
  const toMs = params.to ?? nowMs;
  const fromMs = params.from ?? toMs - SERIES_LIMITS.defaultRangeMs;
  if (fromMs >= toMs) throw new QueryRangeError(`"from" (${fromMs}) must be before "to" (${toMs})`);
  if (toMs - fromMs > SERIES_LIMITS.maxRangeMs) {
    const days = (toMs - fromMs) / 86_400_000;
    throw new QueryRangeError(
      `range of ${Math.round(days)} days exceeds the maximum of ${SERIES_LIMITS.maxRangeMs / 86_400_000} days`,
    );
  }
  return { fromMs, toMs };
}

/**
 * Series query parameters → a PanelQuery: the last hour by default, the server's step (from the
 * chart's `width`) when none is given or the given one would exceed the point cap, from/to aligned,
 * the answer never covering more than the maximum range.
 */
export function resolvePanelQuery(params: SeriesQueryParams, options: ResolveOptions): PanelQuery {
  const { fromMs, toMs } = resolveRangeBounds(params, options.nowMs);
  const serverStepMs = chooseStepMs(toMs - fromMs, {
    widthPx: params.width,
    minStepMs: finestStepMs(fromMs, options.nowMs, options.scrapeIntervalMs),
    maxPoints: SERIES_LIMITS.maxPointsPerSeries,
  });
  let stepMs = params.step ?? serverStepMs;
  let aligned = alignWithinMaxRange(fromMs, toMs, stepMs);
  if (gridLength(aligned.fromMs, aligned.toMs, stepMs) > SERIES_LIMITS.maxPointsPerSeries) {
    stepMs = serverStepMs;
    aligned = alignWithinMaxRange(fromMs, toMs, stepMs);
  }
  const query: PanelQuery = { panel: params.panel, ...aligned, stepMs };
  if (params.replica !== undefined) query.replica = params.replica;
  if (params.by !== undefined) query.by = params.by;
  if (params.agg !== undefined) query.agg = params.agg;
  return query;
}
