import { renderDatabricksMetrics } from "@/lib/simulation/databricks-metrics";
import { DATABRICKS_ENDPOINTS, findDatabricksEndpoint, toDatabricksJson } from "@/lib/simulation/databricks-catalog";
import type { SimulationOptions } from "@/lib/simulation/options";
import { jsonReply, DATABRICKS_CONTENT_TYPE, type Reply } from "./respond";
import type { PlatformAdapter } from "./serve";
import type { FakeSqlWarehouse } from "./sql-warehouse";

const PREFIX = "/api/2.0/serving-endpoints";

const ERROR_CODES: Record<number, string> = {
  400: "INVALID_PARAMETER_VALUE",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "RESOURCE_DOES_NOT_EXIST",
  429: "REQUEST_LIMIT_EXCEEDED",
  500: "INTERNAL_ERROR",
  502: "BAD_GATEWAY",
  503: "TEMPORARILY_UNAVAILABLE",
};

/** `/api/2.0/serving-endpoints/{name}[/metrics]` → name and whether it asks for metrics. */
function parsePath(path: string): { name: string | null; metrics: boolean } | null {
  if (path === PREFIX) return { name: null, metrics: false };
  const match = /^\/api\/2\.0\/serving-endpoints\/([^/]+)(\/metrics)?$/.exec(path);
  return match?.[1] ? { name: decodeURIComponent(match[1]), metrics: match[2] !== undefined } : null;
}

export function databricksErrorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  const details =
    status === 429 && headers["Retry-After"]
      ? {
          details: [
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retry_delay_seconds: headers["Retry-After"] },
          ],
        }
      : {};
  return jsonReply(status, { error_code: ERROR_CODES[status] ?? "UNKNOWN", message, ...details }, headers);
}

/** A Databricks workspace: list, get and metrics, errors in `{error_code, message}`; SQL goes to `warehouse`. */
export function createDatabricksAdapter(
  token: string,
  now: () => number,
  simulation: SimulationOptions,
  warehouse: FakeSqlWarehouse,
): PlatformAdapter {
  const errorReply = databricksErrorReply;
  return {
    platform: "databricks",
    token,
    endpointOf: (path) => parsePath(path)?.name ?? null,
    errorReply,
    reply(path, request) {
      if (warehouse.handles(path)) return warehouse.reply(request.method, path, request.body);
      const route = parsePath(path);
      if (!route)
        return jsonReply(404, { error_code: "ENDPOINT_NOT_FOUND", message: `No API found for 'GET ${path}'` });
      if (route.name === null) {
        return jsonReply(200, { endpoints: DATABRICKS_ENDPOINTS.map((def) => toDatabricksJson(def, false)) });
      }
      const def = findDatabricksEndpoint(route.name);
      if (!def) return errorReply(404, `Endpoint with name '${route.name}' does not exist.`);
      if (!route.metrics) return jsonReply(200, toDatabricksJson(def, true));
      const text = renderDatabricksMetrics(def.name, now(), simulation);
      if (text === null) return errorReply(404, `Endpoint with name '${def.name}' does not expose metrics`);
      return { status: 200, contentType: DATABRICKS_CONTENT_TYPE, text };
    },
  };
}
