import { renderDcgmMetrics } from "@/lib/simulation/dcgm-metrics";
import { SELF_HOSTED_SERVERS } from "@/lib/simulation/llm-catalog";
import type { SimulationOptions } from "@/lib/simulation/options";
import { renderSelfHostedMetrics } from "@/lib/simulation/self-hosted-metrics";
import type { FaultTable } from "./faults";
import { createSelfHostedAdapter, PROMETHEUS_TEXT_CONTENT_TYPE, TGI_CONTENT_TYPE } from "./self-hosted-adapter";
import { servePlatform, type RecordRequest, type RunningServer } from "./serve";

/** A target as the `openmetrics` source's configuration file lists it. */
export interface SelfHostedTarget {
  name: string;
  replicas: Array<{ id: string; url: string; gpuUrl?: string }>;
}

export interface SelfHostedFakes {
  token: string;
  targets: SelfHostedTarget[];
  close(): Promise<void>;
}

/**
 * Starts every simulated self-hosted server on 127.0.0.1: one HTTP server per replica and one per
 * replica's DCGM exporter, each on a free port, as separate processes would be.
 */
export async function startSelfHostedServers(
  token: string,
  now: () => number,
  simulation: SimulationOptions,
  faults: FaultTable,
  record: RecordRequest,
): Promise<SelfHostedFakes> {
  const running: RunningServer[] = [];
  const serve = async (key: string, contentType: string, render: () => string | null) => {
    const server = await servePlatform(createSelfHostedAdapter(key, token, contentType, render), faults, record);
    running.push(server);
    return `${server.url}/metrics`;
  };
  const targets: SelfHostedTarget[] = [];
  for (const def of SELF_HOSTED_SERVERS) {
    const contentType = def.kind === "tgi" ? TGI_CONTENT_TYPE : PROMETHEUS_TEXT_CONTENT_TYPE;
    const replicas: SelfHostedTarget["replicas"] = [];
    for (const replica of def.replicas) {
      const url = await serve(replica.id, contentType, () =>
        renderSelfHostedMetrics(def.name, replica.id, now(), simulation),
      );
      const gpuUrl = replica.dcgm
        ? await serve(`${replica.id}-dcgm`, PROMETHEUS_TEXT_CONTENT_TYPE, () =>
            renderDcgmMetrics(def.name, replica.id, now(), simulation),
          )
        : undefined;
      replicas.push({ id: replica.id, url, ...(gpuUrl ? { gpuUrl } : {}) });
    }
    targets.push({ name: def.name, replicas });
  }
  return {
    token,
    targets,
    close: async () => {
      await Promise.all(running.map((server) => server.close()));
    },
  };
}
