import { targetReplicas, type TargetReplica } from "@/lib/config/openmetrics-target";
import type { SourceConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";

/** Where and how often an external scraper should fetch one endpoint's metrics. */
export interface ScrapeTarget {
  endpoint: DiscoveredEndpoint;
  url: URL;
  intervalS: number;
  /** False only for an OpenMetrics source configured without a token. */
  needsToken: boolean;
  /** A self-hosted target's configured replicas (each URL, and its GPU exporter's); null elsewhere. */
  replicas: TargetReplica[] | null;
}

function replicasOf(endpoint: DiscoveredEndpoint, source: SourceConfig | undefined): TargetReplica[] | null {
  if (source?.kind !== "openmetrics") return null;
  const target = source.targets.find((candidate) => candidate.name === endpoint.name);
  return target ? targetReplicas(target) : null;
}

/** Endpoints an external scraper can fetch (metrics available, a scrape URL known), in a stable order. */
export function toScrapeTargets(
  endpoints: DiscoveredEndpoint[],
  sources: SourceConfig[],
  scrapeIntervalOverrideS?: number | null,
): ScrapeTarget[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  return endpoints
    .flatMap((endpoint) => {
      if (!endpoint.metrics.available || endpoint.scrape === null) return [];
      const source = byId.get(endpoint.source);
      const needsToken = source
        ? source.kind !== "openmetrics" || source.token !== null
        : endpoint.provider !== "openmetrics";
      const intervalS = scrapeIntervalOverrideS ?? endpoint.scrape.intervalS;
      const replicas = replicasOf(endpoint, source);
      return [{ endpoint, url: new URL(endpoint.scrape.url), intervalS, needsToken, replicas }];
    })
    .sort((a, b) => a.endpoint.id.localeCompare(b.endpoint.id));
}
