import type { Panel, Series } from "@/lib/api/schemas";
import { ALL_REPLICAS, type CanonicalMetric } from "@/lib/model/canonical";
import type { SeriesWindows } from "@/lib/store/series-reader";
import { readMetric, toSeries, type PanelContext, type PanelResult } from "./panel-context";
import { collapse, meanAcross, sumAcross } from "./window-math";

const USAGE_METRICS: Partial<Record<Panel, CanonicalMetric>> = {
  cpu: "cpu_percent",
  memory: "memory_percent",
  gpu: "gpu_percent",
  vram: "vram_percent",
};

/** CPU, memory, GPU, VRAM %: the mean over replicas (and GPUs) of window averages, or one series each. */
export function usagePanel(ctx: PanelContext): PanelResult {
  const metric = USAGE_METRICS[ctx.query.panel];
  if (!metric || !ctx.metrics.has(metric)) return null;
  const windows = readMetric(ctx, metric);
  if (ctx.query.by === "replica") return { series: perSeries(ctx, windows) };
  const values = meanAcross(
    windows.map((w) => collapse(w, ctx.query.agg)),
    ctx.times.length,
  );
  return { series: [toSeries(ctx, "avg", {}, values)] };
}

/** In-flight requests: the sum over replicas of window averages, or one series per replica. */
export function pendingPanel(ctx: PanelContext): PanelResult {
  if (!ctx.metrics.has("pending_requests")) return null;
  const windows = readMetric(ctx, "pending_requests");
  if (ctx.query.by === "replica") return { series: perSeries(ctx, windows) };
  const values = sumAcross(
    windows.map((w) => collapse(w, ctx.query.agg)),
    ctx.times.length,
  );
  return { series: [toSeries(ctx, "pending", {}, values)] };
}

/** Databricks' provisioned concurrency, averaged over the window. */
export function concurrencyPanel(ctx: PanelContext): PanelResult {
  if (!ctx.metrics.has("provisioned_concurrency")) return null;
  const windows = readMetric(ctx, "provisioned_concurrency");
  const values = sumAcross(
    windows.map((w) => collapse(w, ctx.query.agg)),
    ctx.times.length,
  );
  return { series: [toSeries(ctx, "provisioned", {}, values)] };
}

/** One series per replica, or per GPU: "gpu0" where the platform only reports all replicas together. */
function perSeries(ctx: PanelContext, windows: SeriesWindows[]): Series[] {
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
