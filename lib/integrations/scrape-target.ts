import type { SourceConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";

/** Where and how often an external scraper should fetch one endpoint's metrics. */
export interface ScrapeTarget {
  endpoint: DiscoveredEndpoint;
  url: URL;
  intervalS: number;
  /** False only for an OpenMetrics source configured without a token. */
  needsToken: boolean;
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
      return [{ endpoint, url: new URL(endpoint.scrape.url), intervalS, needsToken }];
    })
    .sort((a, b) => a.endpoint.id.localeCompare(b.endpoint.id));
}
