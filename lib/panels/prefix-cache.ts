import type { SeriesWindows } from "@/lib/store/windows";
import { foldToOne, toSeries } from "@/lib/query/panel-context";
import { ratePerSecond } from "@/lib/query/window-math";
import { gaugeValues } from "./per-replica";
import { fixed, queries } from "@/lib/backends/prometheus/plan";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED } from "./self-hosted-families";

/**
 * `hit_rate` %: 100 × hits ÷ lookups per window, each a counter rate summed over replicas before
 * dividing (null without lookups); else the mean over replicas of the server's own hit-rate gauge.
 */
export const prefixCachePlans: PanelPlans = {
  reads: ["prefix_cache_hits_total", "prefix_cache_queries_total", "prefix_cache_hit_percent"],
  embedded(ctx) {
    if (ctx.metrics.has("prefix_cache_hits_total") && ctx.metrics.has("prefix_cache_queries_total")) {
      const rate = (windows: SeriesWindows) => ratePerSecond(windows, ctx.query.stepMs);
      const hits = foldToOne(ctx, "prefix_cache_hits_total", rate, "sum");
      const lookups = foldToOne(ctx, "prefix_cache_queries_total", rate, "sum");
      const hitRate = lookups.map((perS, k) => {
        const hitsPerS = hits[k] ?? null;
        return perS === null || hitsPerS === null || perS === 0 ? null : (100 * hitsPerS) / perS;
      });
      return { series: [toSeries(ctx, "hit_rate", {}, hitRate)] };
    }
    if (!ctx.metrics.has("prefix_cache_hit_percent")) return null;
    return {
      series: [toSeries(ctx, "hit_rate", {}, foldToOne(ctx, "prefix_cache_hit_percent", gaugeValues(ctx), "mean"))],
    };
  },
  promql: {
    openmetrics(ctx) {
      // Per grid point: the counters where the server has them (0 lookups: NaN, a gap), else the gauge.
      const counters = `100 * sum(${SELF_HOSTED.prefix_cache_hits_total(ctx, ctx.rateOver)}) / sum(${SELF_HOSTED.prefix_cache_queries_total(ctx, ctx.rateOver)})`;
      const gauge = `avg(avg by (${ctx.replicaLabel}) (${SELF_HOSTED.prefix_cache_hit_percent(ctx, ctx.gaugeOver)}))`;
      return queries([{ expr: `(${counters}) or ${gauge}`, naming: fixed("hit_rate") }]);
    },
  },
};
