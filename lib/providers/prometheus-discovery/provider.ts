import "server-only";
import { createPrometheusClient } from "@/lib/backends/prometheus/client";
import { skippedScrape } from "../run-scrape";
import type { SourceProvider } from "../types";
import { LLM_SERVER_FAMILIES, toDiscoveredEndpoints } from "./endpoints";

/** The source id of endpoints found in the configured Prometheus. */
export const PROMETHEUS_DISCOVERY_SOURCE = "prometheus";

/**
 * Endpoints listed from the LLM-server series already in a Prometheus-compatible engine, one per
 * `job`; nothing is scraped by Servescope, every panel reads the job's series through PromQL.
 */
export function createPrometheusDiscoveryProvider(url: string, fetchImpl?: typeof fetch): SourceProvider {
  const client = createPrometheusClient({ url, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return {
    sourceId: PROMETHEUS_DISCOVERY_SOURCE,
    kind: "openmetrics",
    async discover(signal) {
      const expr = `count by (job, instance, pod) ({__name__=~"${LLM_SERVER_FAMILIES}"})`;
      const { result } = await client.query(expr, Date.now(), signal);
      const targets = result.map(({ metric }) => ({
        job: metric.job ?? "",
        instance: metric.instance ?? "",
        pod: metric.pod ?? "",
      }));
      return toDiscoveredEndpoints(
        PROMETHEUS_DISCOVERY_SOURCE,
        targets.filter((target) => target.job !== ""),
      );
    },
    scrape: (endpoint) => Promise.resolve(skippedScrape(endpoint.id, "read from Prometheus")),
  };
}
