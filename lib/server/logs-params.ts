import "server-only";
import { LOGS_LIMITS, LogsQueryParamsSchema } from "@/lib/api/schemas";
import { DEFAULT_MIN_SEVERITY } from "@/lib/model/log-severity";
import { decodeLogCursor, type LogsQuery } from "@/lib/providers/databricks/logs/records";
import { ApiProblem } from "./api-response";
import { parseQueryParams, resolveRangeParams } from "./query-params";

/** The logs query string → a bounded LogsQuery (400 naming the parameter otherwise); the last hour by default. */
export function resolveLogsQuery(search: URLSearchParams, nowMs: number): LogsQuery {
  const params = parseQueryParams(LogsQueryParamsSchema, search);
  const { fromMs, toMs } = resolveRangeParams(params, nowMs);
  const before = params.before === undefined ? null : decodeLogCursor(params.before);
  if (params.before !== undefined && before === null) {
    throw new ApiProblem(400, "bad_parameter", 'parameter "before": must be the "nextBefore" of an earlier answer');
  }
  return {
    fromMs,
    toMs,
    minSeverity: params.severity ?? DEFAULT_MIN_SEVERITY,
    text: params.q ?? null,
    limit: params.limit ?? LOGS_LIMITS.defaultRows,
    before,
  };
}
