import type { Series } from "@/lib/api/schemas";
import { readMetric, toSeries, type PanelContext, type PanelResult } from "./panel-context";
import { collapse, groupSorted, ratePerSecond, sumAcross, type Values } from "./window-math";

/** Status class of a code: "503" → "5xx". */
export function statusClass(code: string): string {
  return /^[1-5]\d\d$/.test(code) ? `${code[0]}xx` : "other";
}

/**
 * Requests per second by status class (or code). Cumulative counters: the reset-aware increase
 * over each window ÷ window seconds, summed per group. Databricks per-minute gauges: the window's
 * average ÷ 60, with 2xx = all − 4xx − 5xx; they have classes only, so by=code answers classes.
 */
export function requestsPanel(ctx: PanelContext): PanelResult {
  if (ctx.metrics.has("requests_total")) return { series: fromCounters(ctx) };
  if (ctx.metrics.has("requests_per_minute")) return { series: fromPerMinute(ctx) };
  return null;
}

function fromCounters(ctx: PanelContext): Series[] {
  const byCode = ctx.query.by === "code";
  const windows = readMetric(ctx, "requests_total");
  const groups = groupSorted(windows, (w) => {
    const code = w.labels.code ?? "";
    return byCode ? code : statusClass(code);
  });
  return groups.map(([group, members]) =>
    toSeries(
      ctx,
      group,
      byCode ? { code: group } : { class: group },
      sumAcross(
        members.map((w) => ratePerSecond(w, ctx.query.stepMs)),
        ctx.times.length,
      ),
    ),
  );
}

function fromPerMinute(ctx: PanelContext): Series[] {
  const n = ctx.times.length;
  const perClass = new Map<string, Values>();
  for (const [cls, members] of groupSorted(readMetric(ctx, "requests_per_minute"), (w) => w.labels.class ?? "")) {
    const perMinute = sumAcross(
      members.map((w) => collapse(w)),
      n,
    );
    perClass.set(
      cls,
      perMinute.map((v) => (v === null ? null : v / 60)),
    );
  }
  const all = perClass.get("all");
  const errors4xx = perClass.get("4xx");
  const errors5xx = perClass.get("5xx");
  const series: Series[] = [];
  if (all) {
    const ok = all.map((v, k) => (v === null ? null : Math.max(0, v - (errors4xx?.[k] ?? 0) - (errors5xx?.[k] ?? 0))));
    series.push(toSeries(ctx, "2xx", { class: "2xx" }, ok));
  }
  if (errors4xx) series.push(toSeries(ctx, "4xx", { class: "4xx" }, errors4xx));
  if (errors5xx) series.push(toSeries(ctx, "5xx", { class: "5xx" }, errors5xx));
  return series;
}
