import "server-only";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { MetricFamily } from "@/lib/openmetrics/types";
import { detectServer } from "./detect";

/** What a server's own families say about it: its name as the header shows it, and the model it serves. */
export interface ServerFacts {
  server: string;
  /** vLLM's `model_name` label; null where the server does not name its model. */
  model: string | null;
}

export function toServerFacts(families: readonly MetricFamily[]): ServerFacts | null {
  const detected = detectServer(families);
  if (!detected || detected.kind === "dcgm") return null;
  const model = families
    .find((family) => family.samples.some((sample) => sample.labels.model_name))
    ?.samples.find((sample) => sample.labels.model_name)?.labels.model_name;
  return { server: detected.name, model: model ?? null };
}

/** The endpoint as its server describes itself (`model.details.server` names it in "not reported by …"). */
export function withServerFacts(endpoint: DiscoveredEndpoint, facts: ServerFacts): DiscoveredEndpoint {
  return {
    ...endpoint,
    model: {
      ...endpoint.model,
      name: facts.model ?? endpoint.model.name,
      details: { ...endpoint.model.details, server: facts.server },
    },
  };
}

export const sameFacts = (a: ServerFacts | undefined, b: ServerFacts): boolean =>
  a !== undefined && a.server === b.server && a.model === b.model;
