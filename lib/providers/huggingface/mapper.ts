import "server-only";
import type { HuggingFaceSource } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { definedEntries } from "../defined-entries";
import { toEndpointId } from "../endpoint-id";
import type { HuggingFaceEndpoint } from "./api-types";
import { getHuggingFaceEligibility } from "./eligibility";

/** One Hugging Face endpoint → the canonical endpoint, with its eligibility. Pure. */
export function toHuggingFaceEndpoint(
  source: HuggingFaceSource,
  endpoint: HuggingFaceEndpoint,
  metricsUrl: (name: string) => string,
): DiscoveredEndpoint {
  const metrics = getHuggingFaceEligibility(endpoint);
  const compute = endpoint.compute;
  const scaling = compute?.scaling;
  const instance = [compute?.instanceType, compute?.instanceSize].filter(Boolean).join(" ");
  return {
    id: toEndpointId(source.id, endpoint.name),
    source: source.id,
    provider: "huggingface",
    name: endpoint.name,
    state: endpoint.status.state,
    metrics,
    model: {
      name: endpoint.model?.repository ?? null,
      version: endpoint.model?.revision ?? null,
      details: definedEntries({
        task: endpoint.model?.task,
        framework: endpoint.model?.framework,
        instance,
        accelerator: compute?.accelerator,
        region: [endpoint.provider?.vendor, endpoint.provider?.region].filter(Boolean).join(" "),
        message: endpoint.status.message,
      }),
    },
    scaling: {
      minReplicas: scaling?.minReplica ?? null,
      maxReplicas: scaling?.maxReplica ?? null,
      readyReplicas: endpoint.status.readyReplica ?? null,
      targetReplicas: endpoint.status.targetReplica ?? null,
      minProvisionedConcurrency: null,
      maxProvisionedConcurrency: null,
      scaleToZero: scaling ? scaling.scaleToZeroTimeout != null : null,
    },
    scrape: metrics.available ? { url: metricsUrl(endpoint.name), intervalS: source.scrapeIntervalS } : null,
    revision: {
      config: endpoint.status.updatedAt ? { kind: "updated_at", value: endpoint.status.updatedAt } : null,
      entities: endpoint.model?.repository
        ? [{ name: endpoint.model.repository, version: endpoint.model.revision ?? null }]
        : [],
    },
  };
}
