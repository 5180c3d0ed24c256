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
    };

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
      /** The engine's metric names the queries read: when none exists for the endpoint, the panel is not reported. */
      metrics: string[];
      warnings: string[];
    }
  | { kind: "notReported"; reason: string };

export type PlanQuery = Pick<PanelQuery, "panel" | "stepMs" | "replica" | "by" | "agg">;

/** What every query of one panel shares: the series selector and the window each grid point covers. */
export interface PromContext {
  endpoint: DiscoveredEndpoint;
  query: PlanQuery;
  /** Matchers for one metric: provider, endpoint, replica_id where asked, plus extras. */
  sel(metric: string, extra?: string): string;
  /** Gauge window: (t − step, t], reduced by avg (default) or max. */
  overTime(metric: string, extra?: string): string;
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
  return { kind: "queries", queries: list, constants: [], always: [], warnings: [], metrics: [], ...rest };
}

export const notReported = (reason: string): PanelPlan => ({ kind: "notReported", reason });

/**
 * The selector context of one panel query. `perReplica`: the platform labels series by replica
 * (`replica_id`), so `replica=` narrows; series without one (an aggregate) stay, as in the store.
 */
export function createPromContext(
  endpoint: DiscoveredEndpoint,
  query: PlanQuery,
  perReplica: boolean,
  used: Set<string>,
): PromContext {
  const matchers = [`provider=${quoteLabelValue(endpoint.provider)}`, `endpoint=${quoteLabelValue(endpoint.id)}`];
  if (perReplica && query.replica !== undefined)
    matchers.push(`replica_id=~${quoteLabelValue(`${escapeRegex(query.replica)}|`)}`);
  const sel = (metric: string, extra?: string) => {
    used.add(metric);
    return `${metric}{${[...matchers, ...(extra ? [extra] : [])].join(",")}}`;
  };
  // Prometheus 2.x selects [t − range, t], both ends included: a step less 1 ms is (t − step, t] for
  // millisecond timestamps, so a sample stamped t − step (a Databricks minute) stays in the window before.
  const window = promDuration(query.stepMs - 1);
  const reducer = query.agg === "max" ? "max_over_time" : "avg_over_time";
  const scrapeMs = (endpoint.scrape?.intervalS ?? 15) * 1000;
  return {
    endpoint,
    query,
    sel,
    overTime: (metric, extra) => `${reducer}(${sel(metric, extra)}[${window}])`,
    window,
    rateWindow: promDuration(Math.max(query.stepMs, 4 * scrapeMs)),
    byReplica: query.by === "replica",
  };
}
