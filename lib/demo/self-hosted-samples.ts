import { targetReplicas, type OpenMetricsTarget } from "@/lib/config/openmetrics-target";
import { PROMETHEUS_TEXT_CONTENT_TYPE, TGI_CONTENT_TYPE } from "@/lib/fake-upstreams/self-hosted-adapter";
import {
  mergeGpuSamples,
  normalizeReplicaGpu,
  normalizeReplicaServer,
} from "@/lib/providers/openmetrics/replica-samples";
import {
  findSelfHostedServer,
  renderDcgmMetrics,
  renderSelfHostedMetrics,
  type SimulationOptions,
} from "@/lib/simulation";
import { familiesOf, type SamplesAt } from "./backfill";

/**
 * A self-hosted target's scrape at a past instant: each replica's server and its GPU exporter,
 * normalized and merged as the provider merges them. Null when the simulation has no such server.
 */
export function selfHostedSamplesAt(target: OpenMetricsTarget, simulation: SimulationOptions): SamplesAt {
  const def = findSelfHostedServer(target.name);
  const contentType = def?.kind === "tgi" ? TGI_CONTENT_TYPE : PROMETHEUS_TEXT_CONTENT_TYPE;
  const replicas = targetReplicas(target);
  return (atMs) => {
    if (!def) return null;
    return replicas.flatMap(({ id, gpuUrl }) => {
      const server = renderSelfHostedMetrics(def.name, id, atMs, simulation);
      const gpu = gpuUrl === null ? null : renderDcgmMetrics(def.name, id, atMs, simulation);
      return mergeGpuSamples(
        server === null ? [] : normalizeReplicaServer(id)(familiesOf({ text: server, contentType }), atMs),
        gpu === null
          ? []
          : normalizeReplicaGpu(id)(familiesOf({ text: gpu, contentType: PROMETHEUS_TEXT_CONTENT_TYPE }), atMs),
      );
    });
  };
}
