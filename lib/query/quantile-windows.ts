import type { Series } from "@/lib/api/schemas";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { QUANTILES } from "@/lib/panels/quantiles";
import { histogramQuantile } from "./histogram-quantile";
import { readMetric, toSeries, type PanelContext } from "./panel-context";
import { collapse, groupSorted, meanAcross, sumAcross, windowSum, type Values } from "./window-math";

/**
 * p50…p99 from histogram buckets (per-minute, or cumulative counters read as increases): buckets
 * summed over the window and over replicas, then histogram_quantile; null without observations.
 */
export function quantilesFromHistogram(ctx: PanelContext, metric: CanonicalMetric): Series[] {
  const n = ctx.times.length;
  const buckets = groupSorted(readMetric(ctx, metric), (w) => w.labels.le ?? "").map(([le, members]) => ({
    le: parseLe(le),
    counts: sumAcross(members.map(windowSum), n),
  }));
  return QUANTILES.map(({ name, q, label }) => {
    const values: Values = ctx.times.map((_, k) => {
      if (buckets.every((b) => b.counts[k] === null)) return null;
      return histogramQuantile(
        q,
        buckets.map((b) => ({ le: b.le, count: b.counts[k] ?? 0 })),
      );
    });
    return toSeries(ctx, name, { quantile: label }, values);
  });
}

/** Precomputed quantiles: the mean over the window and over replicas (an approximation: quantiles do not average). */
export function quantilesFromSummary(ctx: PanelContext, metric: CanonicalMetric): Series[] {
  const n = ctx.times.length;
  const byQuantile = new Map(groupSorted(readMetric(ctx, metric), (w) => w.labels.quantile ?? ""));
  return QUANTILES.map(({ name, label }) => {
    const members = byQuantile.get(label) ?? [];
    const values = meanAcross(
      members.map((w) => collapse(w, ctx.query.agg)),
      n,
    );
    return toSeries(ctx, name, { quantile: label }, values);
  });
}

function parseLe(le: string): number {
  return le === "+Inf" || le === "Inf" ? Number.POSITIVE_INFINITY : Number(le);
}
