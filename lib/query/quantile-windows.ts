import type { SeriesWindows } from "@/lib/store/windows";
import type { Series } from "@/lib/api/schemas";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { QUANTILES } from "@/lib/panels/quantiles";
import { ensureMonotonic, quantileOfSorted, sortedBounds } from "./histogram-quantile";
import { foldMetric, toSeries, type PanelContext } from "./panel-context";
import { collapse, windowSum, type Values } from "./window-math";

/**
 * p50…p99 from histogram buckets (per-minute, or cumulative counters read as increases): buckets
 * summed over the window and over replicas, then histogram_quantile; null without observations.
 */
export function quantilesFromHistogram(ctx: PanelContext, metric: CanonicalMetric): Series[] {
  const buckets = foldMetric(ctx, metric, (labels) => labels.le ?? "", windowSum, "sum").map(({ key, values }) => ({
    le: parseLe(key),
    counts: values,
  }));
  // Every quantile needs every bucket: only the answer is narrowed.
  const asked = new Set(askedQuantiles(ctx).map((q) => q.name));
  return bucketQuantiles(buckets, ctx.times.length)
    .filter(({ name }) => asked.has(name))
    .map(({ name, label, values }) => toSeries(ctx, name, { quantile: label }, values));
}

/** The quantiles the query asks for, in QUANTILES order. */
function askedQuantiles({ query: { quantiles } }: PanelContext) {
  return quantiles ? QUANTILES.filter(({ name }) => quantiles.includes(name)) : QUANTILES;
}

/** One cumulative bucket's count (or rate) at each grid point. */
export interface BucketValues {
  le: number;
  counts: Values;
}

/** p50…p99 at each of `length` grid points: histogram_quantile where any bucket has a value, else null. */
export function bucketQuantiles(buckets: readonly BucketValues[], length: number) {
  // Every grid point has the same bounds: sorted and merged once, not once a point and quantile.
  const { les, slot } = sortedBounds(buckets.map((b) => b.le));
  const counts = new Float64Array(les.length);
  const values = QUANTILES.map(() => new Array(length).fill(null) as Values);
  for (let k = 0; k < length; k++) {
    counts.fill(0);
    let observed = false;
    buckets.forEach((b, i) => {
      const count = b.counts[k] ?? null;
      if (count !== null) observed = true;
      const j = slot[i] as number;
      counts[j] = (counts[j] as number) + (count ?? 0);
    });
    if (!observed) continue;
    ensureMonotonic(counts);
    QUANTILES.forEach(({ q }, j) => {
      (values[j] as Values)[k] = quantileOfSorted(q, les, counts);
    });
  }
  return QUANTILES.map(({ name, label }, j) => ({ name, label, values: values[j] as Values }));
}

/** Precomputed quantiles: the mean over the window and over replicas (an approximation: quantiles do not average). */
export function quantilesFromSummary(ctx: PanelContext, metric: CanonicalMetric): Series[] {
  const valuesOf = (windows: SeriesWindows) => collapse(windows, ctx.query.agg);
  const asked = askedQuantiles(ctx);
  // Each quantile is a series of its own: those not asked for are not read.
  const labelIn = { name: "quantile", values: asked.map((q) => q.label) };
  const byQuantile = new Map(
    foldMetric(ctx, metric, (labels) => labels.quantile ?? "", valuesOf, "mean", labelIn).map(({ key, values }) => [
      key,
      values,
    ]),
  );
  return asked.map(({ name, label }) =>
    toSeries(ctx, name, { quantile: label }, byQuantile.get(label) ?? ctx.times.map(() => null)),
  );
}

/** A bucket's bound as a number ("+Inf" too). */
export function parseLe(le: string): number {
  return le === "+Inf" || le === "Inf" ? Number.POSITIVE_INFINITY : Number(le);
}
