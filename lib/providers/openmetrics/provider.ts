import "server-only";
import type { OpenMetricsSource } from "@/lib/config/schema";
import { targetReplicas, type TargetReplica } from "@/lib/config/openmetrics-target";
import { fetchUpstream, type HttpOptions } from "@/lib/http";
import { UNKNOWN_SCALING, type DiscoveredEndpoint } from "@/lib/model/endpoint";
import { toEndpointId } from "../endpoint-id";
import { explainStatus } from "../explain-status";
import { skippedScrape } from "../run-scrape";
import type { SourceProvider } from "../types";
import { sameFacts, toServerFacts, withServerFacts, type ServerFacts } from "./detected-server";
import { scrapeReplicas } from "./scrape-replicas";

export const OPENMETRICS_ACCEPT =
  "application/openmetrics-text; version=1.0.0, text/plain; version=0.0.4;q=0.5, */*;q=0.1";

function hostsOf(replicas: readonly TargetReplica[]): Record<string, string> {
  const hosts = replicas.map((replica) => new URL(replica.url).host);
  return hosts.length === 1 ? { host: hosts[0]! } : { hosts: hosts.join(", ") };
}

/**
 * Self-hosted servers: the configured list is the discovery, and only its URLs are ever fetched. The
 * server each target runs is learnt from its first successful scrape, which hands the described
 * endpoint back to be stored; later discoveries keep saying it.
 */
export function createOpenMetricsProvider(source: OpenMetricsSource, http: HttpOptions): SourceProvider {
  const targets = new Map(source.targets.map((target) => [target.name, targetReplicas(target)]));
  const facts = new Map<string, ServerFacts>();

  const describe = (name: string, replicas: readonly TargetReplica[]): DiscoveredEndpoint => {
    const endpoint: DiscoveredEndpoint = {
      id: toEndpointId(source.id, name),
      source: source.id,
      provider: "openmetrics",
      name,
      state: "configured",
      metrics: { available: true, reason: null },
      model: { name: null, version: null, details: hostsOf(replicas) },
      scaling: UNKNOWN_SCALING,
      scrape: { url: replicas[0]!.url, intervalS: source.scrapeIntervalS },
    };
    const known = facts.get(name);
    return known ? withServerFacts(endpoint, known) : endpoint;
  };

  return {
    sourceId: source.id,
    kind: "openmetrics",
    discover() {
      return Promise.resolve([...targets].map(([name, replicas]) => describe(name, replicas)));
    },
    async scrape(endpoint, signal) {
      const replicas = targets.get(endpoint.name);
      if (!replicas) return skippedScrape(endpoint.id, "not a configured target");
      const result = await scrapeReplicas(
        {
          endpointId: endpoint.id,
          replicas,
          token: source.token,
          fetch: (url, fetchSignal) =>
            fetchUpstream({ url, token: source.token, accept: OPENMETRICS_ACCEPT, signal: fetchSignal }, http),
          // A self-hosted 404 is a wrong path, not "no metrics": keep the plain HTTP message.
          explainStatus: (error, url) =>
            error.status === 404 ? null : explainStatus(error, new URL(url).host, "endpoint"),
        },
        signal,
      );
      const learnt = toServerFacts(result.families);
      if (!learnt || sameFacts(facts.get(endpoint.name), learnt)) return result;
      facts.set(endpoint.name, learnt);
      return { ...result, endpoint: describe(endpoint.name, replicas) };
    },
  };
}
