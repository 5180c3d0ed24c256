import type { OpenMetricsSource } from "@/lib/config/schema";
import { fetchUpstream, type HttpOptions } from "@/lib/http";
import { UNKNOWN_SCALING } from "@/lib/model/endpoint";
import { toEndpointId } from "../endpoint-id";
import { explainStatus } from "../explain-status";
import { runScrape, skippedScrape } from "../run-scrape";
import type { SourceProvider } from "../types";
import { normalizeOpenMetrics } from "./normalize";

export const OPENMETRICS_ACCEPT =
  "application/openmetrics-text; version=1.0.0, text/plain; version=0.0.4;q=0.5, */*;q=0.1";

/** Self-hosted servers: the configured list is the discovery, and only its URLs are ever fetched. */
export function createOpenMetricsProvider(source: OpenMetricsSource, http: HttpOptions): SourceProvider {
  const targets = new Map(source.targets.map((target) => [target.name, target.url]));
  return {
    sourceId: source.id,
    kind: "openmetrics",
    discover() {
      return Promise.resolve(
        source.targets.map((target) => ({
          id: toEndpointId(source.id, target.name),
          source: source.id,
          provider: "openmetrics",
          name: target.name,
          state: "configured",
          metrics: { available: true, reason: null },
          model: { name: null, version: null, details: { host: new URL(target.url).host } },
          scaling: UNKNOWN_SCALING,
          scrape: { url: target.url, intervalS: source.scrapeIntervalS },
        })),
      );
    },
    scrape(endpoint, signal) {
      const url = targets.get(endpoint.name);
      if (!url) return Promise.resolve(skippedScrape(endpoint.id, "not a configured target"));
      return runScrape(
        {
          endpointId: endpoint.id,
          url,
          token: source.token,
          fetch: (fetchSignal) =>
            fetchUpstream({ url, token: source.token, accept: OPENMETRICS_ACCEPT, signal: fetchSignal }, http),
          normalize: normalizeOpenMetrics,
          // A self-hosted 404 is a wrong path, not "no metrics": keep the plain HTTP message.
          explainStatus: (error) => (error.status === 404 ? null : explainStatus(error, new URL(url).host, "endpoint")),
        },
        signal,
      );
    },
  };
}
