import "server-only";
import { SERIES_LIMITS, type Series, type SeriesResponse } from "@/lib/api/schemas";
import { notReportedReason } from "@/lib/model/platform";
import { panelMeta } from "@/lib/panels/catalog";
import { capSeries } from "@/lib/query/cap-series";
import type { SeriesBackend } from "@/lib/query/types";
import type { MatrixSeries } from "./api-types";
import { createPrometheusClient, parseSampleValue, type PrometheusClientOptions } from "./client";
import type { FixedSeries, SeriesNaming } from "./plan";
import { anyMetricSelector, toPanelPlan } from "./promql";
import { gridTimes } from "@/lib/time/grid";

function nameOf(metric: Record<string, string>, naming: SeriesNaming): FixedSeries | null {
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

/** Puts one engine series on the grid: missing steps and NaN/±Inf become null, never 0. */
function toPoints(series: MatrixSeries, grid: Grid, timestamps: number[]): Series["points"] {
  const values: (number | null)[] = timestamps.map(() => null);
  for (const [seconds, text] of series.values) {
    const index = Math.round((seconds * 1000 - grid.fromMs) / grid.stepMs);
    if (index >= 0 && index < values.length) values[index] = parseSampleValue(text);
  }
  return timestamps.map((ts, index) => [ts, values[index] ?? null]);
}

function toSeries(result: MatrixSeries[], naming: SeriesNaming, grid: Grid, timestamps: number[]): Series[] {
  return result.flatMap((series) => {
    const id = nameOf(series.metric, naming);
    return id ? [{ ...id, points: toPoints(series, grid, timestamps) }] : [];
  });
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, "en", { numeric: true });
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
      const outcomes = await Promise.all(
        plan.queries.map(async ({ expr, naming }) => ({ naming, ...(await client.queryRange({ expr, ...range })) })),
      );
      // Nothing at all in range: if the endpoint never reported these metrics, say so (as the embedded store does).
      const empty = outcomes.every(({ result }) => result.length === 0) && plan.constants.length === 0;
      if (empty && plan.metrics.length > 0) {
        const lookbackFromMs = Math.min(grid.fromMs, Date.now() - SERIES_LIMITS.maxRangeMs);
        const exists = await client.hasSeries(anyMetricSelector(endpoint, plan.metrics), lookbackFromMs, Date.now());
        if (!exists) return { ...base, series: [], notReported: notReportedReason(endpoint) };
      }
      const timestamps = gridTimes(grid.fromMs, grid.toMs, grid.stepMs);
      const series = outcomes.flatMap(({ result, naming }) => toSeries(result, naming, grid, timestamps));
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
          ...(capped.warning ? [capped.warning] : []),
        ]),
      ];
      return { ...base, series: all, ...(warnings.length > 0 ? { warnings } : {}) };
    },
  };
}
