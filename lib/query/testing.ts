import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint, Provider, Scaling } from "@/lib/model/endpoint";

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
    scaling: {
      minReplicas: null,
      maxReplicas: null,
      readyReplicas: null,
      targetReplicas: null,
      minProvisionedConcurrency: null,
      maxProvisionedConcurrency: null,
      scaleToZero: null,
      ...scaling,
    },
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
