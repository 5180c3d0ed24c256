import type { HuggingFaceSource } from "@/lib/config/schema";
import type { HttpOptions } from "@/lib/http";
import { explainStatus, toDiscoveryError } from "../explain-status";
import { runScrape, skippedScrape } from "../run-scrape";
import type { SourceProvider } from "../types";
import { createHuggingFaceClient } from "./client";
import { toHuggingFaceEndpoint } from "./mapper";
import { normalizeHuggingFace } from "./normalize";

const PLATFORM = "Hugging Face";

export function createHuggingFaceProvider(source: HuggingFaceSource, http: HttpOptions): SourceProvider {
  const client = createHuggingFaceClient(source.apiBase, source.namespace, source.token, http);
  return {
    sourceId: source.id,
    kind: "huggingface",
    async discover(signal) {
      try {
        const endpoints = await client.listEndpoints(signal);
        return endpoints.map((endpoint) => toHuggingFaceEndpoint(source, endpoint, client.metricsUrl(endpoint.name)));
      } catch (error) {
        throw toDiscoveryError(error, PLATFORM);
      }
    },
    scrape(endpoint, signal) {
      if (!endpoint.scrape) return Promise.resolve(skippedScrape(endpoint.id, endpoint.metrics.reason));
      return runScrape(
        {
          endpointId: endpoint.id,
          url: client.metricsUrl(endpoint.name),
          token: source.token,
          fetch: (fetchSignal) => client.getMetrics(endpoint.name, fetchSignal),
          normalize: normalizeHuggingFace,
          explainStatus: (error) => explainStatus(error, PLATFORM, "endpoint"),
        },
        signal,
      );
    },
  };
}
