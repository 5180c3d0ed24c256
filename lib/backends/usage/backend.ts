import "server-only";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { notReportedReason } from "@/lib/model/platform";
import { panelMeta } from "@/lib/panels/catalog";
import { PANEL_PLANS } from "@/lib/panels/plans";
import type { StatementClient } from "@/lib/providers/databricks/sql";
import { capSeries } from "@/lib/query/cap-series";
import { emptyAnswer } from "@/lib/query/panel-answer";
import type { SeriesBackend } from "@/lib/query/types";
import { gridTimes } from "@/lib/time/grid";
import { USAGE_SOURCE_LABEL, usageSource } from "./plan";

/** Usage rows are single requests: a step of a minute keeps a low-traffic endpoint's chart readable. */
export const USAGE_FINEST_STEP_MS = 60_000;
/** Buckets × status codes stay far below this; past it the answer says it was cut. */
const MAX_ROWS = 50_000;
const STATEMENT_DEADLINE_MS = 25_000;

/**
 * The SeriesBackend of pay-per-token endpoints: each panel's `usage` plan (lib/panels) run on the
 * endpoint's SQL warehouse, on the same grid and in the same shape as the other backends.
 */
export function createUsageBackend(sqlFor: (endpoint: DiscoveredEndpoint) => StatementClient | null): SeriesBackend {
  return {
    async queryPanel(endpoint, query) {
      const meta = panelMeta(query.panel);
      const response = emptyAnswer(query);
      const planner = PANEL_PLANS[query.panel].usage;
      const sql = sqlFor(endpoint);
      if (!planner) return { ...response, notReported: `not in ${USAGE_SOURCE_LABEL} (requests and tokens only)` };
      if (!sql) return { ...response, notReported: notReportedReason(endpoint) };
      const plan = planner({ endpoint, query, times: gridTimes(query.fromMs, query.toMs, query.stepMs) });
      const result = await sql.execute(plan.statement.sql, plan.statement.params, {
        maxRows: MAX_ROWS,
        deadlineMs: STATEMENT_DEADLINE_MS,
      });
      const capped = capSeries(plan.toSeries(result.rows), meta.fold);
      const warnings = [
        ...(result.truncated ? [`the usage answer was cut at ${MAX_ROWS.toLocaleString("en-US")} rows`] : []),
        ...(capped.warning ? [capped.warning] : []),
      ];
      return {
        ...response,
        series: capped.series,
        source: usageSource(result.rows),
        ...(warnings.length ? { warnings } : {}),
      };
    },
  };
}
