import "server-only";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery } from "@/lib/query/types";

/** How the series of one query get their names: one fixed name, or label values joined by "/". */
export type SeriesNaming =
  | { kind: "fixed"; name: string; labels: Record<string, string> }
  | {
      kind: "labels";
      /** Engine label → our API's label name (replica_id → replica, status_code → code). */
      from: { label: string; as: string }[];
      rename?: Record<string, string>;
      /** Constant labels every series of the query carries. */
      extra?: Record<string, string>;
    }
  /**
   * Cumulative-bucket rates by `le` (a bound in the family's unit: ×`leScale` is ms), answered as
   * p50…p99 by the embedded store's histogram_quantile: engines' own disagree on sparse tails.
   */
  | { kind: "quantiles"; leScale: number };

export interface PromQuery {
  expr: string;
  naming: SeriesNaming;
}

export interface FixedSeries {
  name: string;
  labels: Record<string, string>;
}

export type PanelPlan =
  | {
      kind: "queries";
      queries: PromQuery[];
      /** Flat series known without querying (max replicas). */
      constants: (FixedSeries & { value: number })[];
      /** Series answered even when the engine returns none for them (all gaps), as the embedded store does. */
      always: FixedSeries[];
      /** Where only one of `names` answers, it is named `as` (a server reporting one of two gauges). */
      alone?: { names: string[]; as: string };
      /** The engine's metric names the queries read: when none exists for the endpoint, the panel is not reported. */
      metrics: string[];
      /** A selector of any of `metrics` for the endpoint: the existence check. */
      anyMetric: string;
      /** Whether a query takes a counter's rate: such a panel's last window, while open, is asked again. */
      rates: boolean;
      warnings: string[];
    }
  | { kind: "notReported"; reason: string };

export type PlanQuery = Pick<PanelQuery, "panel" | "stepMs" | "replica" | "by" | "agg">;

/**
 * How an endpoint's series are told apart in the engine: the matchers selecting all of them
 * (provider and endpoint as the generated prometheus.yml labels them), and the label naming a
 * replica, null where the platform reports none.
 */
export interface PromSelection {
  matchers: string[];
  replicaLabel: string | null;
}

/** What every query of one panel shares: the series selector and the window each grid point covers. */
export interface PromContext {
  endpoint: DiscoveredEndpoint;
  query: PlanQuery;
  /** Matchers for one metric: the endpoint's, its replica where asked, plus extras. */
  sel(metric: string, extra?: string): string;
  /** The label naming a replica in the engine (`replica_id`: Hugging Face's own, the generated prometheus.yml's). */
  replicaLabel: string;
  /** Gauge window: (t − step, t], reduced by avg (default) or max. */
  overTime(metric: string, extra?: string): string;
  /** The same over any selector; `meanOver` always by avg (a ratio's constant denominator). */
  gaugeOver(selector: string): string;
  meanOver(selector: string): string;
  /** A counter's rate over `rateWindow`. */
  rateOver(selector: string): string;
  /** The range each grid point's window selects: (t − step, t]. */
  window: string;
  /** Counter window: at least four scrapes, so a rate survives one missed scrape. */
  rateWindow: string;
  byReplica: boolean;
}

/** A panel's PromQL for one provider; a provider without one does not report the panel. */
export type PromPlanner = (ctx: PromContext) => PanelPlan;

/** PromQL string literal: the label values we select by come from configuration and the URL. */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** A literal string as an RE2 pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A PromQL duration literal: whole seconds when it can, else milliseconds. */
export function promDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}

export const fixed = (name: string, labels: Record<string, string> = {}): SeriesNaming => ({
  kind: "fixed",
  name,
  labels,
});

export const byLabel = (label: string, as: string, rename?: Record<string, string>): SeriesNaming => ({
  kind: "labels",
  from: [{ label, as }],
  ...(rename ? { rename } : {}),
});

export function queries(
  list: PromQuery[],
  rest: Partial<Omit<Extract<PanelPlan, { kind: "queries" }>, "kind">> = {},
): PanelPlan {
  return {
    kind: "queries",
    queries: list,
    constants: [],
    always: [],
    warnings: [],
    metrics: [],
    anyMetric: "",
    rates: false,
    ...rest,
  };
}

export const notReported = (reason: string): PanelPlan => ({ kind: "notReported", reason });

/**
 * The selector context of one panel query. With a replica label, `replica=` narrows; series
 * without one (an aggregate) stay, as in the store.
 */
export function createPromContext(
  endpoint: DiscoveredEndpoint,
  query: PlanQuery,
  selection: PromSelection,
  used: Set<string>,
): PromContext {
  const matchers = [...selection.matchers];
  if (selection.replicaLabel !== null && query.replica !== undefined)
    matchers.push(`${selection.replicaLabel}=~${quoteLabelValue(`${escapeRegex(query.replica)}|`)}`);
  const sel = (metric: string, extra?: string) => {
    used.add(metric);
    return `${metric}{${[...matchers, ...(extra ? [extra] : [])].join(",")}}`;
  };
  // Prometheus 2.x selects [t − range, t], both ends included: a step less 1 ms is (t − step, t] for
  // millisecond timestamps, so a sample stamped t − step (a Databricks minute) stays in the window before.
  const window = promDuration(query.stepMs - 1);
  const reducer = query.agg === "max" ? "max_over_time" : "avg_over_time";
  const scrapeMs = (endpoint.scrape?.intervalS ?? 15) * 1000;
  const rateWindow = promDuration(Math.max(query.stepMs, 4 * scrapeMs));
  const gaugeOver = (selector: string) => `${reducer}(${selector}[${window}])`;
  return {
    endpoint,
    query,
    sel,
    // Databricks reports no replica: its planners never group by one.
    replicaLabel: selection.replicaLabel ?? "replica_id",
    overTime: (metric, extra) => gaugeOver(sel(metric, extra)),
    gaugeOver,
    meanOver: (selector) => `avg_over_time(${selector}[${window}])`,
    rateOver: (selector) => `rate(${selector}[${rateWindow}])`,
    window,
    rateWindow,
    byReplica: query.by === "replica",
  };
}

/** A selector matching any of `metrics` among the selection's series (for an existence check). */
export function anyMetricSelector(selection: PromSelection, metrics: readonly string[]): string {
  const names = metrics.map(escapeRegex).join("|");
  return `{${[`__name__=~${quoteLabelValue(names)}`, ...selection.matchers].join(",")}}`;
}
