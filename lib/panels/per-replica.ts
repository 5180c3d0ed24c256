import type { Series } from "@/lib/api/schemas";
import { ALL_REPLICAS, type CanonicalMetric } from "@/lib/model/canonical";
import { readMetric, toSeries, type PanelContext, type PanelResult } from "@/lib/query/panel-context";
import { collapse, type Values } from "@/lib/query/window-math";
import type { SeriesWindows } from "@/lib/store/windows";

/** One series per replica, or per GPU: "gpu0" where the platform only reports all replicas together. */
export function perReplicaSeries(ctx: PanelContext, windows: SeriesWindows[]): Series[] {
  return windows
    .map((w) => {
      const replica = w.labels.replica ?? ALL_REPLICAS;
      const gpu = w.labels.gpu;
      const name = gpu === undefined ? replica : replica === ALL_REPLICAS ? gpu : `${replica}/${gpu}`;
      const labels: Record<string, string> = gpu === undefined ? { replica } : { replica, gpu };
      return toSeries(ctx, name, labels, collapse(w, ctx.query.agg));
    })
    .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
}

/**
 * A gauge panel: the window averages (or maxima) of every replica combined into one series named
 * `name` (summed or averaged), or with `by=replica` one series per replica; null if never reported.
 */
export function gaugeSeries(
  ctx: PanelContext,
  metric: CanonicalMetric,
  name: string,
  combine: (columns: readonly Values[], length: number) => Values,
): PanelResult {
  if (!ctx.metrics.has(metric)) return null;
  const windows = readMetric(ctx, metric);
  if (ctx.query.by === "replica") return { series: perReplicaSeries(ctx, windows) };
  const values = combine(
    windows.map((w) => collapse(w, ctx.query.agg)),
    ctx.times.length,
  );
  return { series: [toSeries(ctx, name, {}, values)] };
}
