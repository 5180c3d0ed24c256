import type { SeriesWindows } from "@/lib/store/windows";
import { ALL_REPLICAS, type CanonicalMetric } from "@/lib/model/canonical";
import { foldMetric, foldToOne, toSeries, type PanelContext, type PanelResult } from "@/lib/query/panel-context";
import { collapse, type Values } from "@/lib/query/window-math";

/** A per-replica series' name: the replica, or per GPU "gpu0" (all replicas together) or "<replica>/<gpu>". */
function perReplicaName(labels: Record<string, string>): string {
  const replica = labels.replica ?? ALL_REPLICAS;
  const gpu = labels.gpu;
  return gpu === undefined ? replica : replica === ALL_REPLICAS ? gpu : `${replica}/${gpu}`;
}

/** A gauge's value per window: the mean of its samples, or their max with `agg=max`. */
export function gaugeValues(ctx: PanelContext): (windows: SeriesWindows) => Values {
  return (windows) => collapse(windows, ctx.query.agg);
}

/**
 * A gauge panel: the window averages (or maxima) of every replica combined into one series named
 * `name` (summed or averaged), or with `by=replica` one series per replica (or GPU); null if never reported.
 */
export function gaugeSeries(
  ctx: PanelContext,
  metric: CanonicalMetric,
  name: string,
  combine: "sum" | "mean",
): PanelResult {
  if (!ctx.metrics.has(metric)) return null;
  if (ctx.query.by === "replica") {
    const groups = foldMetric(ctx, metric, perReplicaName, gaugeValues(ctx), "mean");
    return {
      series: groups.map(({ key, labels, values }) => {
        const replica = labels.replica ?? ALL_REPLICAS;
        return toSeries(ctx, key, labels.gpu === undefined ? { replica } : { replica, gpu: labels.gpu }, values);
      }),
    };
  }
  return { series: [toSeries(ctx, name, {}, foldToOne(ctx, metric, gaugeValues(ctx), combine))] };
}
