import { byLabel, fixed, queries, type PromContext } from "@/lib/backends/prometheus/plan";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { quantilesFromHistogram, quantilesFromSummary } from "@/lib/query/quantile-windows";
import type { PanelPlans } from "./plan-types";
import { QUANTILES } from "./quantiles";
import { BUCKET_LE_TO_MS, SELF_HOSTED, type Term } from "./self-hosted-families";

const HISTOGRAMS: readonly CanonicalMetric[] = ["latency_bucket_ms", "latency_bucket_cumulative_ms"];

/** Every quantile series is answered, all gaps when the engine has none, as the embedded store does. */
export const ALL_QUANTILES = QUANTILES.map((q) => ({ name: q.name, labels: { quantile: q.label } }));

/** histogram_quantile of each quantile over one bucket expression (`sum by (le) (…)`). */
export function histogramQuantileQueries(buckets: string) {
  return QUANTILES.map((q) => ({
    expr: `histogram_quantile(${q.label}, ${buckets})`,
    naming: fixed(q.name, { quantile: q.label }),
  }));
}

/**
 * p50…p99 of self-hosted cumulative buckets: their rates summed by `le` over the window and replicas,
 * the quantiles interpolated here as the embedded store does (engines' histogram_quantile differ).
 */
export function selfHostedQuantiles(ctx: PromContext, buckets: Term) {
  const expr = `sum by (le) (${buckets(ctx, ctx.rateOver)})`;
  return queries([{ expr, naming: { kind: "quantiles", leScale: BUCKET_LE_TO_MS } }], { always: ALL_QUANTILES });
}

/** p50/p90/p95/p99 request latency in ms, from histograms (exact) or precomputed quantiles (averaged). */
export const latencyPlans: PanelPlans = {
  reads: [...HISTOGRAMS, "latency_quantile_ms"],
  embedded(ctx) {
    const histogram = HISTOGRAMS.find((m) => ctx.metrics.has(m));
    if (histogram) return { series: quantilesFromHistogram(ctx, histogram) };
    if (ctx.metrics.has("latency_quantile_ms")) return { series: quantilesFromSummary(ctx, "latency_quantile_ms") };
    return null;
  },
  promql: {
    huggingface(ctx: PromContext) {
      const wanted = `quantile=~"${QUANTILES.map((q) => q.label.replace(".", "\\\\.")).join("|")}"`;
      const rename = Object.fromEntries(QUANTILES.map((q) => [q.label, q.name]));
      const expr = `avg by (quantile) (${ctx.overTime("latency_distribution", wanted)}) * 1000`;
      return queries([{ expr, naming: byLabel("quantile", "quantile", rename) }], { always: ALL_QUANTILES });
    },
    databricks(ctx: PromContext) {
      // Buckets are per minute, not cumulative: summing them over the window is the window's histogram.
      const buckets = `sum by (le) (sum_over_time(${ctx.sel("request_latency_ms_bucket")}[${ctx.window}]))`;
      return queries(histogramQuantileQueries(buckets), { always: ALL_QUANTILES });
    },
    openmetrics: (ctx) => selfHostedQuantiles(ctx, SELF_HOSTED.latency_bucket_cumulative_ms),
  },
};
