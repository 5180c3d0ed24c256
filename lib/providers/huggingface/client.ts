import "server-only";
import { fetchUpstream, parseJsonResponse, type HttpOptions, type UpstreamResponse } from "@/lib/http";
import { HuggingFaceEndpointListSchema, readHuggingFaceErrorMessage, type HuggingFaceEndpoint } from "./api-types";
import { createEndpointUrls } from "../endpoint-id";

export const HUGGINGFACE_METRICS_ACCEPT =
  "application/openmetrics-text; version=1.0.0, text/plain; version=0.0.4;q=0.5";

export interface HuggingFaceClient {
  listEndpoints(signal?: AbortSignal): Promise<HuggingFaceEndpoint[]>;
  getMetrics(name: string, signal?: AbortSignal): Promise<UpstreamResponse>;
  metricsUrl(name: string): string;
}

/** The Inference Endpoints API of one namespace; URLs are built only from the configured API base and names. */
export function createHuggingFaceClient(
  apiBase: string,
  namespace: string,
  token: string,
  http: HttpOptions,
): HuggingFaceClient {
  const namespaceUrl = createEndpointUrls(apiBase, "v2", "endpoint", namespace);
  const get = (url: string, accept: string, signal?: AbortSignal) =>
    fetchUpstream({ url, token, accept, signal, readErrorMessage: readHuggingFaceErrorMessage }, http);

  return {
    async listEndpoints(signal) {
      const url = namespaceUrl();
      return parseJsonResponse(await get(url, "application/json", signal), HuggingFaceEndpointListSchema, url).items;
    },
    getMetrics(name, signal) {
      return get(namespaceUrl(name, "open-metrics"), HUGGINGFACE_METRICS_ACCEPT, signal);
    },
    metricsUrl: (name) => namespaceUrl(name, "open-metrics"),
  };
}
