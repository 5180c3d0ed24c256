import "server-only";
import { LOG_SEVERITIES, SEVERITY_WORDS, severityRank, toLogSeverity } from "@/lib/model/log-severity";
import { sqlParam, type SqlParams, type SqlRow } from "../sql";
import { bodyText, flattenAttributes, type LogRecord, type LogsQuery } from "./records";

/**
 * One page of an endpoint's `<prefix>_otel_logs` table (Databricks' OpenTelemetry table reference:
 * `time` TIMESTAMP in µs, `record_id` ordered in time, VARIANT `body` and `attributes`). Every
 * value is a named parameter; the statement text is the same for every caller.
 */
export interface LogsStatement {
  sql: string;
  params: SqlParams;
}

/** `severity_text` → 1 (TRACE) … 6 (FATAL), by the words of lib/model/log-severity; 3 (INFO) for any other. */
const RANK = `CASE\n${[...LOG_SEVERITIES]
  .reverse()
  .map((severity) => {
    const words = SEVERITY_WORDS[severity].map((word) => `upper(trim(severity_text)) LIKE '${word}%'`).join(" OR ");
    return `    WHEN ${words} THEN ${severityRank(severity)}`;
  })
  .join("\n")}\n    ELSE ${severityRank("INFO")}\n  END`;

/** LIKE's wildcards and the escape character itself, escaped: the search text is matched as written. */
const ESCAPE = "!";
export function toContainsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (char) => `${ESCAPE}${char}`)}%`;
}

export function buildLogsStatement(table: string, query: LogsQuery): LogsStatement {
  const params: Record<string, SqlParams[string]> = {
    table: sqlParam.table(table),
    from_time: sqlParam.timestamp(query.fromMs),
    to_time: sqlParam.timestamp(query.toMs),
    min_rank: severityRank(query.minSeverity),
    // One more than a page: whether another page exists, without counting.
    row_limit: query.limit + 1,
  };
  const where = ["time >= :from_time", "time <= :to_time", `${RANK} >= :min_rank`];
  if (query.text !== null) {
    where.push(`lower(CAST(body AS STRING)) LIKE :body_pattern ESCAPE '${ESCAPE}'`);
    params.body_pattern = toContainsPattern(query.text);
  }
  if (query.before !== null) {
    where.push("(unix_micros(time) < :before_us OR (unix_micros(time) = :before_us AND record_id < :before_id))");
    params.before_us = query.before.t;
    params.before_id = query.before.id;
  }
  const sql = [
    "SELECT record_id, unix_micros(time) AS time_us, severity_text, body, trace_id, span_id, attributes",
    "FROM IDENTIFIER(:table)",
    `WHERE ${where.join("\n  AND ")}`,
    "ORDER BY time DESC, record_id DESC",
    "LIMIT :row_limit",
  ].join("\n");
  return { sql, params };
}

const stringOrNull = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** One row of the statement above → a log record. */
export function toLogRecord(row: SqlRow): LogRecord {
  const timeUs = Number(row.time_us);
  return {
    timeUs,
    id: String(row.record_id ?? ""),
    timeMs: Math.floor(timeUs / 1000),
    severity: toLogSeverity(stringOrNull(row.severity_text)),
    body: bodyText(row.body),
    traceId: stringOrNull(row.trace_id),
    spanId: stringOrNull(row.span_id),
    attributes: flattenAttributes(row.attributes),
  };
}
