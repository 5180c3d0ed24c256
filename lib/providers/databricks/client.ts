import "server-only";
import { fetchUpstream, parseJsonResponse, type HttpOptions, type UpstreamResponse } from "@/lib/http";
import {
  DatabricksEndpointListSchema,
  DatabricksEndpointSchema,
  readDatabricksErrorMessage,
  ServedModelLogsSchema,
  type DatabricksEndpoint,
} from "./api-types";
import { createEndpointUrls, unaddressableNameReason } from "../endpoint-id";

const JSON_ACCEPT = "application/json";
export const DATABRICKS_METRICS_ACCEPT = "text/plain; version=0.0.4, application/openmetrics-text;q=0.9";

export interface DatabricksClient {
  listEndpoints(signal?: AbortSignal): Promise<DatabricksEndpoint[]>;
  getEndpoint(name: string, signal?: AbortSignal): Promise<DatabricksEndpoint>;
  getMetrics(name: string, signal?: AbortSignal): Promise<UpstreamResponse>;
  metricsUrl(name: string): string;
  /** The served model's service logs (recent container output), as one text. */
  getServedModelLogs(name: string, servedModel: string, signal?: AbortSignal): Promise<string>;
}

/** The serving-endpoints REST API of one workspace; URLs are built only from the configured host and names. */
export function createDatabricksClient(host: string, token: string, http: HttpOptions): DatabricksClient {
  const endpointsUrl = createEndpointUrls(host, "api", "2.0", "serving-endpoints");
  const get = (url: string, accept: string, signal?: AbortSignal) =>
    fetchUpstream({ url, token, accept, signal, readErrorMessage: readDatabricksErrorMessage }, http);

  return {
    async listEndpoints(signal) {
      const url = endpointsUrl();
      return parseJsonResponse(await get(url, JSON_ACCEPT, signal), DatabricksEndpointListSchema, url).endpoints;
    },
    async getEndpoint(name, signal) {
      const url = endpointsUrl(name);
      return parseJsonResponse(await get(url, JSON_ACCEPT, signal), DatabricksEndpointSchema, url);
    },
    getMetrics(name, signal) {
      return get(endpointsUrl(name, "metrics"), DATABRICKS_METRICS_ACCEPT, signal);
    },
    metricsUrl: (name) => endpointsUrl(name, "metrics"),
    async getServedModelLogs(name, servedModel, signal) {
      const unaddressable = unaddressableNameReason(servedModel);
      if (unaddressable !== null) throw new Error(unaddressable);
      const url = endpointsUrl(name, "served-models", servedModel, "logs");
      return parseJsonResponse(await get(url, JSON_ACCEPT, signal), ServedModelLogsSchema, url).logs;
    },
  };
}
