import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import { UNKNOWN_SCALING, type DiscoveredEndpoint, type Provider, type Scaling } from "@/lib/model/endpoint";

/** Test support: an endpoint of the given platform with every scaling bound unknown unless given. */
export function makeEndpoint(id: string, provider: Provider, scaling: Partial<Scaling> = {}): DiscoveredEndpoint {
  return {
    id,
    source: "test",
    provider,
    name: id,
    state: "running",
    metrics: { available: true, reason: null },
    model: { name: null, version: null, details: {} },
    scaling: { ...UNKNOWN_SCALING, ...scaling },
    scrape: null,
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
