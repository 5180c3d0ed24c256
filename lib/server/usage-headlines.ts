import "server-only";
import type { Headline, Sparkline } from "@/lib/api/schemas";
import { rowsByBucket, USAGE_LAG_NOTE, USAGE_SOURCE_LABEL, usageWindowsStatement } from "@/lib/backends/usage/plan";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { statusClassOf } from "@/lib/panels/status-class";
import type { SqlRow, StatementClient } from "@/lib/providers/databricks/sql";
import { sparklineQuery, sparklineValue } from "@/lib/query";
import { gridTimes } from "@/lib/time/grid";

/** How long one statement's figures serve every fleet load of a workspace. */
export const USAGE_HEADLINE_TTL_MS = 60_000;
const HEADLINE_BUCKETS = 5;
const STATEMENT_DEADLINE_MS = 20_000;
const MAX_ROWS = 100_000;
const HEADLINE_SOURCE = `${USAGE_SOURCE_LABEL} (${USAGE_LAG_NOTE})`;

/** What usage tells of the fleet's figures; the rest (latency, CPU) it does not know. */
export type UsageFigures =
  | {
      headline: Pick<Headline, "requestRate" | "errorRate" | "tokenRate">;
      sparkline: Sparkline;
      headlineSource: string;
    }
  | { headlineError: string; headlineSource: string };

interface Snapshot {
  times: number[];
  /** Rows per endpoint name: requests per minute bucket and status code over the sparkline's hour. */
  rows: Map<string, SqlRow[]>;
}

/** One endpoint's rows → the fleet's figures: requests, 5xx share and tokens of the last five minutes, and the hour's sparkline. */
function toFigures(snapshot: Snapshot, endpointName: string): UsageFigures {
  const { times } = snapshot;
  const buckets = rowsByBucket(snapshot.rows.get(endpointName) ?? [], times.length);
  const count = (k: number, only?: string, column = "requests") =>
    (buckets.get(k) ?? [])
      .filter((row) => only === undefined || statusClassOf(String(row.status_code)) === only)
      .reduce((sum, row) => sum + Number(row[column] ?? 0), 0);
  const stepMs = times[1]! - times[0]!;
  const stepS = stepMs / 1000;
  const sparkline: Sparkline = {
    fromMs: times[0]!,
    stepMs,
    values: times.map((_, k) => (buckets.has(k) ? sparklineValue(count(k) / stepS) : null)),
  };
  const recent = times.map((_, k) => k).slice(-HEADLINE_BUCKETS);
  const total = recent.reduce((sum, k) => sum + count(k), 0);
  const errors = recent.reduce((sum, k) => sum + count(k, "5xx"), 0);
  const tokens = recent.reduce((sum, k) => sum + count(k, undefined, "tokens"), 0);
  const reported = recent.some((k) => buckets.has(k));
  const perSecond = (n: number) => (reported ? n / (recent.length * stepS) : null);
  return {
    headline: {
      requestRate: perSecond(total),
      errorRate: total > 0 ? errors / total : null,
      tokenRate: perSecond(tokens),
    },
    sparkline,
    headlineSource: HEADLINE_SOURCE,
  };
}

/**
 * The fleet's figures for pay-per-token endpoints, from system.serving.endpoint_usage: one statement
 * per workspace for all its endpoints, shared by every caller for USAGE_HEADLINE_TTL_MS (the fleet
 * page reloads often; the table itself lags by minutes). A failure is kept as long, as `headlineError`.
 */
export function createUsageHeadlines(sqlFor: (sourceId: string) => StatementClient | null) {
  const cache = new Map<string, { atMs: number; snapshot: Promise<Snapshot> }>();

  async function load(sql: StatementClient, nowMs: number): Promise<Snapshot> {
    const { fromMs, toMs, stepMs } = sparklineQuery(nowMs);
    const statement = usageWindowsStatement({
      fromMs,
      toMs,
      stepMs,
      endpointName: null,
      groupBy: ["status_code"],
      measures: {
        requests: "count(*)",
        tokens: "sum(coalesce(u.input_token_count, 0) + coalesce(u.output_token_count, 0))",
      },
    });
    const result = await sql.execute(statement.sql, statement.params, {
      maxRows: MAX_ROWS,
      deadlineMs: STATEMENT_DEADLINE_MS,
    });
    const rows = new Map<string, SqlRow[]>();
    for (const row of result.rows) {
      const name = String(row.endpoint_name);
      rows.set(name, [...(rows.get(name) ?? []), row]);
    }
    return { times: gridTimes(fromMs, toMs, stepMs), rows };
  }

  return {
    /** Null when the endpoint's workspace has no SQL warehouse. */
    async figuresOf(endpoint: DiscoveredEndpoint, nowMs: number): Promise<UsageFigures | null> {
      const sql = sqlFor(endpoint.source);
      if (!sql) return null;
      let entry = cache.get(endpoint.source);
      if (!entry || nowMs - entry.atMs >= USAGE_HEADLINE_TTL_MS) {
        entry = { atMs: nowMs, snapshot: load(sql, nowMs) };
        cache.set(endpoint.source, entry);
      }
      try {
        return toFigures(await entry.snapshot, endpoint.name);
      } catch (error) {
        return {
          headlineError: error instanceof Error ? error.message : String(error),
          headlineSource: HEADLINE_SOURCE,
        };
      }
    },
  };
}
