import { renderDatabricksMetrics } from "@/lib/simulation/databricks-metrics";
import {
  DATABRICKS_ENDPOINTS,
  findDatabricksEndpoint,
  toDatabricksJson,
  type DatabricksEndpointDef,
} from "@/lib/simulation/databricks-catalog";
import type { SimulationOptions } from "@/lib/simulation/options";
import { renderServiceLogs, servedModelsWithLogs } from "@/lib/simulation/service-logs";
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

type Route =
  | { name: null; kind: "list" }
  | { name: string; kind: "endpoint" | "metrics" }
  | { name: string; kind: "service-logs"; servedModel: string };

/** `/api/2.0/serving-endpoints[/{name}[/metrics | /served-models/{served_model}/logs]]` → what it asks for. */
function parsePath(path: string): Route | null {
  if (path === PREFIX) return { name: null, kind: "list" };
  const match = /^\/api\/2\.0\/serving-endpoints\/([^/]+)(?:(\/metrics)|\/served-models\/([^/]+)\/logs)?$/.exec(path);
  if (!match?.[1]) return null;
  const name = decodeURIComponent(match[1]);
  if (match[3]) return { name, kind: "service-logs", servedModel: decodeURIComponent(match[3]) };
  return { name, kind: match[2] ? "metrics" : "endpoint" };
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

/**
 * A Databricks workspace: list, get, metrics and served models' service logs, errors in `{error_code, message}`; SQL goes to
 * `warehouse`; `copies` maps extra names to the endpoints they copy.
 */
export function createDatabricksAdapter(
  token: string,
  now: () => number,
  simulation: SimulationOptions,
  warehouse: FakeSqlWarehouse,
  copies: ReadonlyMap<string, string> = new Map(),
): PlatformAdapter {
  const errorReply = databricksErrorReply;
  const named = (name: string, def: DatabricksEndpointDef, detailed: boolean) => ({
    ...toDatabricksJson(def, detailed, now(), simulation),
    name,
  });
  const listed = () => [
    ...DATABRICKS_ENDPOINTS.map((def) => toDatabricksJson(def, false, now(), simulation)),
    ...[...copies].flatMap(([name, of]) => {
      const def = findDatabricksEndpoint(of);
      return def ? [named(name, def, false)] : [];
    }),
  ];
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
        return jsonReply(200, { endpoints: listed() });
      }
      const def = findDatabricksEndpoint(copies.get(route.name) ?? route.name);
      if (!def) return errorReply(404, `Endpoint with name '${route.name}' does not exist.`);
      if (route.kind === "endpoint") return jsonReply(200, named(route.name, def, true));
      if (route.kind === "service-logs") {
        if (!servedModelsWithLogs(def).includes(route.servedModel)) {
          return errorReply(
            404,
            `Served model '${route.servedModel}' of endpoint '${route.name}' has no service logs.`,
          );
        }
        return jsonReply(200, { logs: renderServiceLogs(def, route.servedModel, now(), simulation) });
      }
      const text = renderDatabricksMetrics(def.name, now(), simulation);
      if (text === null) return errorReply(404, `Endpoint with name '${def.name}' does not expose metrics`);
      return { status: 200, contentType: DATABRICKS_CONTENT_TYPE, text };
    },
  };
}
