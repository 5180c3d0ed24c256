import type { CanonicalMetric } from "@/lib/model/canonical";
import { histogramQuantile } from "./histogram-quantile";
import { readMetric, toSeries, type PanelContext, type PanelResult } from "./panel-context";
import { collapse, groupSorted, meanAcross, sumAcross, windowSum, type Values } from "./window-math";

export const LATENCY_QUANTILES = [
  { name: "p50", q: 0.5 },
  { name: "p90", q: 0.9 },
  { name: "p95", q: 0.95 },
  { name: "p99", q: 0.99 },
] as const;

const HISTOGRAMS: readonly CanonicalMetric[] = ["latency_bucket_ms", "latency_bucket_cumulative_ms"];

/**
 * p50/p90/p95/p99 in ms. Histograms (per-minute, or cumulative counters as increases): buckets
 * summed over the window and over replicas, then histogram_quantile. Precomputed quantiles: the
 * mean over the window and over replicas — an approximation, quantiles do not average.
 */
export function latencyPanel(ctx: PanelContext): PanelResult {
  const histogram = HISTOGRAMS.find((m) => ctx.metrics.has(m));
  if (histogram) return { series: fromHistogram(ctx, histogram) };
  if (ctx.metrics.has("latency_quantile_ms")) return { series: fromQuantiles(ctx) };
  return null;
}

function fromHistogram(ctx: PanelContext, metric: CanonicalMetric) {
  const n = ctx.times.length;
  const buckets = groupSorted(readMetric(ctx, metric), (w) => w.labels.le ?? "").map(([le, members]) => ({
    le: parseLe(le),
    counts: sumAcross(members.map(windowSum), n),
  }));
  return LATENCY_QUANTILES.map(({ name, q }) => {
    const values: Values = ctx.times.map((_, k) => {
      if (buckets.every((b) => b.counts[k] === null)) return null;
      return histogramQuantile(
        q,
        buckets.map((b) => ({ le: b.le, count: b.counts[k] ?? 0 })),
      );
    });
    return toSeries(ctx, name, { quantile: String(q) }, values);
  });
}

function fromQuantiles(ctx: PanelContext) {
  const n = ctx.times.length;
  const byQuantile = new Map(groupSorted(readMetric(ctx, "latency_quantile_ms"), (w) => w.labels.quantile ?? ""));
  return LATENCY_QUANTILES.map(({ name, q }) => {
    const members = byQuantile.get(String(q)) ?? [];
    const values = meanAcross(
      members.map((w) => collapse(w, ctx.query.agg)),
      n,
    );
    return toSeries(ctx, name, { quantile: String(q) }, values);
  });
}

function parseLe(le: string): number {
  return le === "+Inf" || le === "Inf" ? Number.POSITIVE_INFINITY : Number(le);
}
