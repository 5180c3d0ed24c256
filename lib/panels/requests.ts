import type { SeriesWindows } from "@/lib/store/windows";
import { byLabel, fixed, queries, type PromQuery } from "@/lib/backends/prometheus/plan";
import { endpointUsageStatement, rowsByBucket, type UsageContext } from "@/lib/backends/usage/plan";
import type { SqlRow } from "@/lib/providers/databricks/sql";
import { toPoints } from "@/lib/time/grid";
import type { Series } from "@/lib/api/schemas";
import { compareNatural } from "@/lib/model/natural-order";
import { foldMetric, toSeries, type PanelContext } from "@/lib/query/panel-context";
import { collapse, ratePerSecond } from "@/lib/query/window-math";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED } from "./self-hosted-families";
import { STATUS_CODE_PATTERN, statusClassOf } from "./status-class";

/**
 * Requests per second by status class (or code). Cumulative counters: the reset-aware increase
 * over each window ÷ the seconds it covers, summed per group. Databricks per-minute gauges: the
 * window's average ÷ 60, with 2xx = all − 4xx − 5xx; they have classes only, so by=code answers classes.
 */
export const requestsPlans: PanelPlans = {
  reads: ["requests_total", "requests_per_minute"],
  embedded(ctx) {
    if (ctx.metrics.has("requests_total")) return { series: fromCounters(ctx) };
    if (ctx.metrics.has("requests_per_minute")) return { series: fromPerMinute(ctx) };
    return null;
  },
  promql: {
    huggingface: (ctx) => queries([byCodeOrClass(ctx.query.by, ctx.rateOver(ctx.sel("http_requests")), "status_code")]),
    openmetrics: (ctx) => queries([byCodeOrClass(ctx.query.by, SELF_HOSTED.requests_total(ctx, ctx.rateOver), "code")]),
    databricks(ctx) {
      // Per-minute gauges despite `_total`; only classes exist, so `by=code` answers with them too.
      const [total, c4xx, c5xx] = ["request_count_total", "request_4xx_count_total", "request_5xx_count_total"].map(
        (metric) => `sum(${ctx.overTime(metric)})`,
      ) as [string, string, string];
      return queries([
        {
          expr: `clamp_min((${total} - (${c4xx} or vector(0)) - (${c5xx} or vector(0))) / 60, 0)`,
          naming: fixed("2xx", { class: "2xx" }),
        },
        { expr: `${c4xx} / 60`, naming: fixed("4xx", { class: "4xx" }) },
        { expr: `${c5xx} / 60`, naming: fixed("5xx", { class: "5xx" }) },
      ]);
    },
  },
  usage: (ctx) => ({
    statement: endpointUsageStatement(ctx, ["status_code"], { requests: "count(*)" }),
    toSeries: (rows) => fromUsageRows(ctx, rows),
  }),
};

/** Request rates summed by their code (`by=code`) or by its class. */
function byCodeOrClass(by: PanelContext["query"]["by"], rates: string, codeLabel: string): PromQuery {
  if (by === "code") return { expr: `sum by (${codeLabel}) (${rates})`, naming: byLabel(codeLabel, "code") };
  // statusClassOf in PromQL: "other" unless the code reads as a status code or class.
  const classed = `label_replace(label_replace(${rates}, "class", "other", "", ""), "class", "\${1}xx", "${codeLabel}", "${STATUS_CODE_PATTERN}")`;
  return { expr: `sum by (class) (${classed})`, naming: byLabel("class", "class") };
}

function fromCounters(ctx: PanelContext): Series[] {
  const byCode = ctx.query.by === "code";
  const keyOf = (labels: Record<string, string>) => (byCode ? (labels.code ?? "") : statusClassOf(labels.code ?? ""));
  const rate = (windows: SeriesWindows) => ratePerSecond(windows, ctx.query.stepMs);
  return foldMetric(ctx, "requests_total", keyOf, rate, "sum").map(({ key, values }) =>
    toSeries(ctx, key, byCode ? { code: key } : { class: key }, values),
  );
}

function fromPerMinute(ctx: PanelContext): Series[] {
  const perClass = new Map(
    foldMetric(ctx, "requests_per_minute", (labels) => labels.class ?? "", collapse, "sum").map(({ key, values }) => [
      key,
      values.map((v) => (v === null ? null : v / 60)),
    ]),
  );
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

/**
 * Usage rows (requests per bucket and status code) → req/s by class or code. A bucket with no row
 * is null; in a bucket that has rows, a group without any is 0.
 */
function fromUsageRows(ctx: UsageContext, rows: readonly SqlRow[]): Series[] {
  const byCode = ctx.query.by === "code";
  const label = byCode ? "code" : "class";
  const keyOf = (row: SqlRow) => (byCode ? String(row.status_code) : statusClassOf(String(row.status_code)));
  const buckets = rowsByBucket(rows, ctx.times.length);
  const keys = [...new Set([...buckets.values()].flat().map(keyOf))].sort(compareNatural);
  const stepS = ctx.query.stepMs / 1000;
  return keys.map((key) => {
    const values = ctx.times.map((_, k) => {
      const bucket = buckets.get(k);
      if (!bucket) return null;
      return bucket.filter((row) => keyOf(row) === key).reduce((sum, row) => sum + Number(row.requests), 0) / stepS;
    });
    return { name: key, labels: { [label]: key }, points: toPoints(ctx.times, values) };
  });
}
