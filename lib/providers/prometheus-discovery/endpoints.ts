import "server-only";
import { UNKNOWN_SCALING, type DiscoveredEndpoint } from "@/lib/model/endpoint";
import { toEndpointId } from "../endpoint-id";

/** The LLM servers' own families (vLLM, vLLM on Ray Serve, TGI, SGLang, Triton): what makes a job an endpoint. */
export const LLM_SERVER_FAMILIES = "vllm:.+|ray_vllm:.+|tgi_.+|sglang:.+|nv_.+";

/** One (job, instance, pod) holding LLM-server series; pod is "" where the target has none. */
export interface DiscoveredTarget {
  job: string;
  instance: string;
  pod: string;
}

/** Every job holding LLM-server series as one endpoint, its replicas its pods where it has them, else its instances. */
export function toDiscoveredEndpoints(sourceId: string, targets: readonly DiscoveredTarget[]): DiscoveredEndpoint[] {
  const jobs = new Map<string, DiscoveredTarget[]>();
  for (const target of targets) {
    const members = jobs.get(target.job);
    if (members) members.push(target);
    else jobs.set(target.job, [target]);
  }
  return [...jobs]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([job, members]) => {
      const replicaLabel = members.some((m) => m.pod !== "") ? "pod" : "instance";
      const replicas = [...new Set(members.map((m) => m[replicaLabel]).filter((id) => id !== ""))].sort();
      return {
        id: toEndpointId(sourceId, job),
        source: sourceId,
        provider: "openmetrics",
        name: job,
        state: "discovered",
        metrics: { available: true, reason: null },
        model: { name: null, version: null, details: { job, [`${replicaLabel}s`]: replicas.join(", ") } },
        scaling: UNKNOWN_SCALING,
        scrape: null,
        prometheusJob: { job, replicaLabel },
      };
    });
}
