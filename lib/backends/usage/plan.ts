import "server-only";
import type { DataSource, Series } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { sqlParam, type SqlParams, type SqlRow } from "@/lib/providers/databricks/sql";
import type { PanelQuery } from "@/lib/query/types";

/**
 * Panels from Databricks' `system.serving.endpoint_usage` (one row per request to a pay-per-token
 * endpoint), bucketed in SQL onto the query's grid: row k holds the requests of `(t_k − step, t_k]`,
 * t_k = from + k·step. Each panel's planner (lib/panels) names what it sums per bucket.
 */
export interface UsageContext {
  endpoint: DiscoveredEndpoint;
  query: PanelQuery;
  /** The grid: fromMs + k·stepMs, both ends inclusive. */
  times: number[];
}

export interface UsageStatement {
  sql: string;
  params: SqlParams;
}

export interface UsagePlan {
  statement: UsageStatement;
  /** The rows (one per bucket `k`, and group) → the panel's series on the grid. */
  toSeries(rows: readonly SqlRow[]): Series[];
}

/** A panel's statement over the usage tables; a panel without one is not in them. */
export type UsagePlanner = (ctx: UsageContext) => UsagePlan;

export const USAGE_SOURCE_LABEL = "system.serving.endpoint_usage";
export const USAGE_LAG_NOTE = "system tables lag real time by several minutes";

export interface UsageWindows {
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** One endpoint's rows, or null for every endpoint's (with an `endpoint_name` column). */
  endpointName: string | null;
  /** Extra grouping columns of `endpoint_usage u` (e.g. `status_code`). */
  groupBy: readonly string[];
  /** Output column → aggregate over `u`. */
  measures: Readonly<Record<string, string>>;
}

/**
 * The bucketed statement: `k`, the grouping columns, the measures, and `newest` (the newest
 * request_time, for freshness). Served entities are matched by id through a subquery: the table
 * may hold a served entity once per config version, and a join would count its requests again.
 */
export function usageWindowsStatement(windows: UsageWindows): UsageStatement {
  const { endpointName, groupBy, measures } = windows;
  const entities =
    endpointName === null
      ? "JOIN (SELECT DISTINCT served_entity_id, endpoint_name FROM system.serving.served_entities) e ON u.served_entity_id = e.served_entity_id"
      : "WHERE u.served_entity_id IN (SELECT served_entity_id FROM system.serving.served_entities WHERE endpoint_name = :endpoint_name)";
  const keys = [
    ...(endpointName === null ? ["e.endpoint_name"] : []),
    "CAST(ceil((unix_micros(u.request_time) - :from_us) / :step_us) AS BIGINT)",
    ...groupBy.map((column) => `u.${column}`),
  ];
  const names = [...(endpointName === null ? ["endpoint_name"] : []), "k", ...groupBy];
  const select = [
    ...keys.map((key, i) => `${key} AS ${names[i]}`),
    ...Object.entries(measures).map(([alias, aggregate]) => `${aggregate} AS ${alias}`),
    "max(u.request_time) AS newest",
  ];
  const sql = [
    `SELECT ${select.join(",\n  ")}`,
    "FROM system.serving.endpoint_usage u",
    entities,
    `${endpointName === null ? "WHERE" : "AND"} u.request_time > :window_from AND u.request_time <= :to_time`,
    `GROUP BY ${keys.map((_, i) => i + 1).join(", ")}`,
  ].join("\n");
  const params: Record<string, SqlParams[string]> = {
    from_us: windows.fromMs * 1000,
    step_us: windows.stepMs * 1000,
    window_from: sqlParam.timestamp(windows.fromMs - windows.stepMs),
    to_time: sqlParam.timestamp(windows.toMs),
  };
  if (endpointName !== null) params.endpoint_name = endpointName;
  return { sql, params };
}

/** The statement for one endpoint on the query's grid. */
export function endpointUsageStatement(
  ctx: UsageContext,
  groupBy: readonly string[],
  measures: Readonly<Record<string, string>>,
): UsageStatement {
  const { fromMs, toMs, stepMs } = ctx.query;
  return usageWindowsStatement({ fromMs, toMs, stepMs, endpointName: ctx.endpoint.name, groupBy, measures });
}

/** Per grid point, the rows of its bucket; a bucket without rows is absent (no requests, or not in the table yet). */
export function rowsByBucket(rows: readonly SqlRow[], length: number): Map<number, SqlRow[]> {
  const buckets = new Map<number, SqlRow[]>();
  for (const row of rows) {
    const k = Number(row.k);
    if (!Number.isInteger(k) || k < 0 || k >= length) continue;
    buckets.set(k, [...(buckets.get(k) ?? []), row]);
  }
  return buckets;
}

/** Where the numbers come from, and the newest request they include. */
export function usageSource(rows: readonly SqlRow[]): DataSource {
  const newest = rows.reduce((max, row) => (typeof row.newest === "number" ? Math.max(max, row.newest) : max), -1);
  return { label: USAGE_SOURCE_LABEL, lagNote: USAGE_LAG_NOTE, ...(newest >= 0 ? { asOfMs: newest } : {}) };
}
