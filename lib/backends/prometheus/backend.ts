import "server-only";
import { SERIES_LIMITS, type Series, type SeriesResponse } from "@/lib/api/schemas";
import { panelMeta } from "@/lib/panels/catalog";
import { panelNotReportedReason } from "@/lib/panels/not-reported";
import { capSeries } from "@/lib/query/cap-series";
import { bucketQuantiles, parseLe } from "@/lib/query/quantile-windows";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery, SeriesBackend } from "@/lib/query/types";
import type { MatrixSeries } from "./api-types";
import { createPrometheusClient, parseSampleValue, type PrometheusClientOptions } from "./client";
import type { FixedSeries, SeriesNaming } from "./plan";
import { compareNatural } from "@/lib/model/natural-order";
import { toPanelPlan } from "./promql";
import { gridTimes } from "@/lib/time/grid";

function nameOf(
  metric: Record<string, string>,
  naming: Exclude<SeriesNaming, { kind: "quantiles" }>,
): FixedSeries | null {
  if (naming.kind === "fixed") return { name: naming.name, labels: naming.labels };
  const values = naming.from.map(({ label }) => metric[label] ?? "");
  if (values.includes("")) return null;
  const joined = values.join("/");
  const labels = Object.fromEntries(naming.from.map(({ as }, index) => [as, values[index] ?? ""]));
  return { name: naming.rename?.[joined] ?? joined, labels: { ...naming.extra, ...labels } };
}

interface Grid {
  fromMs: number;
  stepMs: number;
}

/** One engine series on the grid: missing steps and NaN/±Inf become null, never 0. */
function toValues(series: MatrixSeries, grid: Grid, length: number): (number | null)[] {
  const values: (number | null)[] = Array.from({ length }, () => null);
  for (const [seconds, text] of series.values) {
    const index = Math.round((seconds * 1000 - grid.fromMs) / grid.stepMs);
    if (index >= 0 && index < length) values[index] = parseSampleValue(text);
  }
  return values;
}

const withTimes = (timestamps: number[], values: (number | null)[]): Series["points"] =>
  timestamps.map((ts, index) => [ts, values[index] ?? null]);

/** Bucket rates by `le` → p50…p99, each bound scaled to ms; series without a readable `le` are skipped. */
function toQuantiles(result: MatrixSeries[], leScale: number, grid: Grid, timestamps: number[]): Series[] {
  const buckets = result.flatMap((series) => {
    const le = series.metric.le === undefined ? Number.NaN : parseLe(series.metric.le);
    return Number.isNaN(le) ? [] : [{ le: le * leScale, counts: toValues(series, grid, timestamps.length) }];
  });
  if (buckets.length === 0) return [];
  return bucketQuantiles(buckets, timestamps.length).map(({ name, label, values }) => ({
    name,
    labels: { quantile: label },
    points: withTimes(timestamps, values),
  }));
}

function toSeries(result: MatrixSeries[], naming: SeriesNaming, grid: Grid, timestamps: number[]): Series[] {
  if (naming.kind === "quantiles") return toQuantiles(result, naming.leScale, grid, timestamps);
  return result.flatMap((series) => {
    const id = nameOf(series.metric, naming);
    return id ? [{ ...id, points: withTimes(timestamps, toValues(series, grid, timestamps.length)) }] : [];
  });
}

type PrometheusClient = ReturnType<typeof createPrometheusClient>;

/**
 * `to` is rounded up to the step, so the last window usually ends in the future, and a rate
 * evaluated there takes what has not happened yet as no data: it read low by the share still to
 * come. While the last window is open, a panel of rates is asked again for that point, a scrape
 * interval before now (the newest scrape may not have landed), over what has elapsed of the window
 * — a rate over at least its usual four scrapes. A panel without rates is not asked again: an
 * average's window holds the same samples either way.
 */
async function askOpenWindow(
  client: PrometheusClient,
  endpoint: DiscoveredEndpoint,
  query: PanelQuery,
  rates: boolean,
): Promise<{ values: Map<string, number | null>; warnings: string[] } | null> {
  const nowMs = Date.now();
  if (!rates || query.toMs <= nowMs) return null;
  const scrapeMs = (endpoint.scrape?.intervalS ?? 15) * 1000;
  const atMs = nowMs - scrapeMs;
  // The plan's windows are a step less 1 ms; at least a scrape, so an average there holds a sample.
  const elapsedMs = Math.max(atMs - (query.toMs - query.stepMs), scrapeMs);
  const plan = toPanelPlan(endpoint, { ...query, stepMs: elapsedMs + 1 });
  if (plan.kind === "notReported") return null;
  const outcomes = await Promise.all(
    plan.queries.map(async ({ expr, naming }) => ({
      naming,
      ...(await client.queryRange({ expr, startMs: atMs, endMs: atMs, stepMs: query.stepMs })),
    })),
  );
  const at = { fromMs: atMs, stepMs: query.stepMs };
  const series = outcomes.flatMap(({ result, naming }) => toSeries(result, naming, at, [atMs]));
  return {
    values: new Map(series.map((s) => [s.name, s.points[0]?.[1] ?? null])),
    warnings: outcomes.flatMap((outcome) => outcome.warnings),
  };
}

/** The last point of each series from the open window's answer; null where that answer has none. */
function withOpenWindow(series: Series[], open: { values: Map<string, number | null> } | null): Series[] {
  if (!open) return series;
  return series.map((s) => {
    const last = s.points.at(-1);
    if (!last) return s;
    return { ...s, points: [...s.points.slice(0, -1), [last[0], open.values.get(s.name) ?? null]] };
  });
}

function renameAlone(series: Series[], { names, as }: { names: string[]; as: string }): Series[] {
  const present = series.filter((s) => names.includes(s.name));
  return present.length === 1 ? series.map((s) => (s === present[0] ? { ...s, name: as } : s)) : series;
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareNatural(a.name, b.name);
}

/**
 * A SeriesBackend over a Prometheus-compatible query API (Prometheus, VictoriaMetrics, Thanos,
 * Mimir): the embedded store's panels, names and units, on the same step grid.
 */
export function createPrometheusBackend(options: PrometheusClientOptions): SeriesBackend {
  const client = createPrometheusClient(options);
  return {
    async queryPanel(endpoint, query): Promise<SeriesResponse> {
      // A resolved query holds at most SERIES_LIMITS.maxPointsPerSeries points: far below Prometheus's 11,000.
      const grid = query;
      const meta = panelMeta(query.panel);
      const base = {
        panel: query.panel,
        unit: meta.unit,
        from: grid.fromMs,
        to: grid.toMs,
        stepMs: grid.stepMs,
      };
      const plan = toPanelPlan(endpoint, { ...query, stepMs: grid.stepMs });
      if (plan.kind === "notReported") return { ...base, series: [], notReported: plan.reason };

      const range = { startMs: grid.fromMs, endMs: grid.toMs, stepMs: grid.stepMs };
      const [outcomes, open] = await Promise.all([
        Promise.all(
          plan.queries.map(async ({ expr, naming }) => ({ naming, ...(await client.queryRange({ expr, ...range })) })),
        ),
        askOpenWindow(client, endpoint, query, plan.rates),
      ]);
      // Nothing at all in range: if the endpoint never reported these metrics, say so (as the embedded store does).
      const empty = outcomes.every(({ result }) => result.length === 0) && plan.constants.length === 0;
      if (empty && plan.metrics.length > 0) {
        const lookbackFromMs = Math.min(grid.fromMs, Date.now() - SERIES_LIMITS.maxRangeMs);
        const exists = await client.hasSeries(plan.anyMetric, lookbackFromMs, Date.now());
        if (!exists) return { ...base, series: [], notReported: panelNotReportedReason(query.panel, endpoint) };
      }
      const timestamps = gridTimes(grid.fromMs, grid.toMs, grid.stepMs);
      const answered = withOpenWindow(
        outcomes.flatMap(({ result, naming }) => toSeries(result, naming, grid, timestamps)),
        open,
      );
      const series = plan.alone ? renameAlone(answered, plan.alone) : answered;
      const flat = (value: number | null) => timestamps.map((ts): [number, number | null] => [ts, value]);
      const missing = plan.always.filter(({ name }) => !series.some((s) => s.name === name));
      const capped = capSeries(
        [...series, ...missing.map((s) => ({ ...s, points: flat(null) }))].sort(byName),
        meta.fold,
      );
      const all = [
        ...capped.series,
        ...plan.constants.map(({ name, labels, value }) => ({ name, labels, points: flat(value) })),
      ];
      const warnings = [
        ...new Set([
          ...plan.warnings,
          ...outcomes.flatMap((outcome) => outcome.warnings),
          ...(open?.warnings ?? []),
          ...(capped.warning ? [capped.warning] : []),
        ]),
      ];
      return { ...base, series: all, ...(warnings.length > 0 ? { warnings } : {}) };
    },
  };
}
