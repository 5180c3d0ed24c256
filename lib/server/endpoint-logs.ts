import "server-only";
import type { LogsResponse } from "@/lib/api/schemas";
import type { UpstreamError } from "@/lib/http";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { PROVIDER_NAMES } from "@/lib/model/platform";
import { readDatabricksLogs } from "@/lib/providers/databricks/logs/read-logs";
import type { LogsQuery } from "@/lib/providers/databricks/logs/records";
import type { SqlStatementError } from "@/lib/providers/databricks/sql";
import { ApiProblem } from "./api-response";
import type { Runtime } from "./runtime";

/**
 * Whether an error is of the named class, from any copy of its module: Next bundles each route with
 * its own copies, while the clients that throw live in the runtime one route created for all.
 */
function isNamed<T extends Error>(error: unknown, name: string, brand: keyof T): error is T {
  return error instanceof Error && error.name === name && brand in error;
}

/** A warehouse or serving API failure as the API's 502/504 (their messages carry no token). */
export function toLogsProblem(error: unknown): unknown {
  if (isNamed<SqlStatementError>(error, "SqlStatementError", "reason")) {
    const late = error.reason === "DEADLINE";
    return new ApiProblem(late ? 504 : 502, late ? "warehouse_timeout" : "warehouse_error", error.message);
  }
  if (isNamed<UpstreamError>(error, "UpstreamError", "status")) {
    const late = error.status === null && /timed out/i.test(error.message);
    return new ApiProblem(late ? 504 : 502, late ? "upstream_timeout" : "upstream_error", error.message);
  }
  return error;
}

/** GET /api/endpoints/{id}/logs behind the route: the endpoint's logs source, or what to configure. */
export async function getEndpointLogs(
  runtime: Pick<Runtime, "databricks">,
  endpoint: DiscoveredEndpoint,
  query: LogsQuery,
  signal?: AbortSignal,
): Promise<LogsResponse> {
  const access = endpoint.provider === "databricks" ? runtime.databricks(endpoint.source) : null;
  if (!access) {
    return {
      source: null,
      from: query.fromMs,
      to: query.toMs,
      logs: [],
      truncated: false,
      notConfigured: `logs are read from Databricks endpoints (telemetry tables, service logs); ${PROVIDER_NAMES[endpoint.provider]} endpoints have none here`,
    };
  }
  try {
    return await readDatabricksLogs(endpoint, access, query, signal);
  } catch (error) {
    throw toLogsProblem(error);
  }
}
