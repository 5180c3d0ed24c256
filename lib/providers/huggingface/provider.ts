import "server-only";
import type { HuggingFaceSource } from "@/lib/config/schema";
import type { HttpOptions } from "@/lib/http";
import { toDiscoveryError } from "../explain-status";
import { createNamedScrape } from "../run-scrape";
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
        return endpoints.map((endpoint) => toHuggingFaceEndpoint(source, endpoint, client.metricsUrl));
      } catch (error) {
        throw toDiscoveryError(error, PLATFORM);
      }
    },
    scrape: createNamedScrape(client, source.token, normalizeHuggingFace, PLATFORM),
  };
}
