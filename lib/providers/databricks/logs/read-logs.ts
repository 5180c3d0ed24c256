import "server-only";
import type { LogsResponse, LogsSource } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { DatabricksClient } from "../client";
import { parseTableName, TableNameError, type StatementClient } from "../sql";
import { buildLogsStatement, toLogRecord } from "./otel-table";
import { encodeLogCursor, toLogRow, type LogRecord, type LogsQuery } from "./records";
import { parseServiceLogs, selectLogPage } from "./service-logs";

/** What reads an endpoint's logs: its source's warehouse (null without one) and its serving API. */
export interface LogReaders {
  sql: StatementClient | null;
  serving: Pick<DatabricksClient, "getServedModelLogs">;
}

const STATEMENT_DEADLINE_MS = 20_000;
const MAX_RESULT_BYTES = 4 * 1024 * 1024;
/** Served models asked for their logs per request (endpoints rarely serve more than two). */
const MAX_SERVED_MODELS = 4;
const CONFIGURE_WAREHOUSE = "set DATABRICKS_WAREHOUSE_ID (or the source's warehouseId)";

type Page = Pick<LogsResponse, "logs" | "truncated" | "nextBefore">;

/** `limit + 1` candidates → a page: the extra one only says that another page exists. */
function toPage(candidates: LogRecord[], limit: number, capped: boolean): Page {
  const kept = candidates.slice(0, limit);
  const last = kept.at(-1);
  const truncated = candidates.length > limit || (capped && last !== undefined);
  return {
    logs: kept.map(toLogRow),
    truncated,
    ...(truncated && last ? { nextBefore: encodeLogCursor(last) } : {}),
  };
}

function answer(query: LogsQuery, source: LogsSource | null, rest: Partial<LogsResponse>): LogsResponse {
  return { source, from: query.fromMs, to: query.toMs, logs: [], truncated: false, ...rest };
}

async function readTable(sql: StatementClient, table: string, query: LogsQuery, signal?: AbortSignal) {
  const { sql: text, params } = buildLogsStatement(table, query);
  const result = await sql.execute(text, params, {
    maxRows: query.limit + 1,
    maxBytes: MAX_RESULT_BYTES,
    deadlineMs: STATEMENT_DEADLINE_MS,
    signal,
  });
  return toPage(result.rows.map(toLogRecord), query.limit, result.truncated);
}

async function readServiceLogs(
  serving: LogReaders["serving"],
  endpoint: DiscoveredEndpoint,
  models: string[],
  query: LogsQuery,
  signal?: AbortSignal,
): Promise<Page & { warnings: string[] }> {
  const texts = await Promise.all(models.map((model) => serving.getServedModelLogs(endpoint.name, model, signal)));
  const parsed = texts.map((text, i) => parseServiceLogs(text, models[i] ?? ""));
  const untimed = parsed.reduce((total, { untimedLines }) => total + untimedLines, 0);
  const records = selectLogPage(
    parsed.flatMap(({ records: rows }) => rows),
    query,
  );
  const warnings = [
    "service logs hold only the container's recent output; enable endpoint telemetry for history",
    ...(untimed > 0 ? [`${untimed} lines without a timestamp (before the first one) are left out`] : []),
  ];
  return { ...toPage(records, query.limit, false), warnings };
}

/**
 * An endpoint's logs, newest first: from its telemetry table through the SQL warehouse (which it
 * then needs), else from its custom models' service logs, else an answer that says what to configure
 * (DESIGN.md, "Endpoint telemetry logs"). Failures are thrown (SqlStatementError, UpstreamError).
 */
export async function readDatabricksLogs(
  endpoint: DiscoveredEndpoint,
  readers: LogReaders,
  query: LogsQuery,
  signal?: AbortSignal,
): Promise<LogsResponse> {
  const telemetry = endpoint.telemetry;
  const table = telemetry?.logsTable ?? null;
  const models = (telemetry?.servedModels ?? []).slice(0, MAX_SERVED_MODELS);
  if (table !== null) {
    let name: string;
    try {
      name = parseTableName(table).sql;
    } catch (error) {
      if (!(error instanceof TableNameError)) throw error;
      return answer(query, null, { notConfigured: `the endpoint's logs table cannot be read: ${error.message}` });
    }
    if (!readers.sql) {
      return answer(query, null, {
        notConfigured: `${CONFIGURE_WAREHOUSE} to read this endpoint's telemetry table ${name}`,
      });
    }
    return answer(query, { kind: "table", label: name }, await readTable(readers.sql, name, query, signal));
  }
  if (models.length > 0) {
    const { warnings, ...page } = await readServiceLogs(readers.serving, endpoint, models, query, signal);
    return answer(query, { kind: "service", label: `service logs of ${models.join(", ")}` }, { ...page, warnings });
  }
  const notConfigured = telemetry?.payPerToken
    ? "pay-per-token endpoints keep no logs Servescope can read; their usage is in system.serving.endpoint_usage"
    : "enable endpoint telemetry (a telemetry_config logs table) and " +
      `${CONFIGURE_WAREHOUSE}, or name the table as the endpoint's logsTable in the JSON config`;
  return answer(query, null, { notConfigured });
}
