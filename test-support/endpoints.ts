import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import { UNKNOWN_SCALING, type DiscoveredEndpoint, type Provider, type Scaling } from "@/lib/model/endpoint";

export type EndpointOverrides = Partial<Omit<DiscoveredEndpoint, "scaling">> & { scaling?: Partial<Scaling> };

/**
 * The one endpoint factory of the tests: `<source>.<name>` ids give their source and name, every
 * scaling bound is unknown and nothing is scraped unless the overrides say otherwise.
 */
export function makeEndpoint(id: string, provider: Provider, overrides: EndpointOverrides = {}): DiscoveredEndpoint {
  const dot = id.indexOf(".");
  const { scaling, ...rest } = overrides;
  return {
    id,
    source: dot > 0 ? id.slice(0, dot) : "test",
    provider,
    name: dot > 0 ? id.slice(dot + 1) : id,
    state: "running",
    metrics: { available: true, reason: null },
    model: { name: null, version: null, details: {} },
    scrape: null,
    ...rest,
    scaling: { ...UNKNOWN_SCALING, ...scaling },
  };
}

export function sample(
  metric: CanonicalMetric,
  labels: Record<string, string> & { replica: string },
  value: number,
  timestampMs: number,
): CanonicalSample {
  return { metric, labels, value, timestampMs };
}
