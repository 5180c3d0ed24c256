import { HOUR_MS, type TrafficProfile } from "./traffic";

/** Medians of the steady stream at normal times; the load-following stream and incidents scale them. */
export interface LlmLatency {
  ttftMs: number;
  /** Between two output tokens (TGI: each request's mean time per token). */
  itlMs: number;
}

export interface SelfHostedReplicaDef {
  /** The replica id the demo configures (a StatefulSet pod name). */
  id: string;
  /** vLLM data-parallel engines, one GPU each; TGI runs one shard. */
  engines: number;
  /** Served by a DCGM exporter of its own (the replica's `gpuUrl`). */
  dcgm: boolean;
  /** Takes the recurring incident: 5xx, slow tokens, a full KV cache. */
  incident: boolean;
}

export interface SelfHostedServerDef {
  /** The target name, hence the endpoint id `openmetrics.<name>`. */
  name: string;
  kind: "vllm" | "tgi";
  model: string;
  traffic: TrafficProfile;
  /**
   * Part of the mean rate that arrives steadily and is answered fast; the rest follows the daily rhythm and
   * waits for the batch, so quantiles rise at peak while every count stays an exact integral.
   */
  steadyShare: number;
  latency: LlmLatency;
  /** How much slower the load-following stream is. */
  loadSlowdown: number;
  incidentSlowdown: LlmLatency;
  promptTokensMean: number;
  generationTokensMean: number;
  ratio4xx: number;
  ratio5xx: number;
  incidentRatio5xx: number;
  /** TGI's `overloaded` (429) share during an incident. */
  incidentRatio429: number;
  /** vLLM prefix cache: hit share of prompt tokens, normally and while the cache thrashes. */
  prefixHitRatio: number;
  incidentPrefixHitRatio: number;
  /** Each replica's process restarts this often (counters back to zero), at a phase of its own. */
  restartEveryMs: number;
  /** Concurrent sequences an engine holds, and the KV cache tokens it has room for. */
  maxRunning: number;
  kvCacheTokens: number;
  gpu: { model: string; memoryMiB: number; driver: string };
  replicas: readonly SelfHostedReplicaDef[];
}

/** What both servers share: an L4 each engine, the same error ratios, a quarter of the traffic steady. */
const defaults = {
  steadyShare: 0.25,
  ratio4xx: 0.01,
  ratio5xx: 0.002,
  gpu: { model: "NVIDIA L4", memoryMiB: 23034, driver: "550.90.07" },
};

/** The demo's self-hosted LLM servers: a two-replica vLLM (two engines each, a DCGM exporter each) and a TGI. */
export const SELF_HOSTED_SERVERS: readonly SelfHostedServerDef[] = [
  {
    ...defaults,
    name: "vllm-chat",
    kind: "vllm",
    model: "meta-llama/Llama-3.1-8B-Instruct",
    traffic: { seed: "vllm-chat", baseRps: 8, dailyAmplitude: 0.5 },
    latency: { ttftMs: 120, itlMs: 22 },
    loadSlowdown: 2,
    incidentSlowdown: { ttftMs: 5, itlMs: 2.5 },
    promptTokensMean: 900,
    generationTokensMean: 220,
    incidentRatio5xx: 0.35,
    incidentRatio429: 0,
    prefixHitRatio: 0.6,
    incidentPrefixHitRatio: 0.15,
    restartEveryMs: 12 * HOUR_MS,
    maxRunning: 256,
    kvCacheTokens: 36_000,
    replicas: [
      { id: "vllm-chat-0", engines: 2, dcgm: true, incident: false },
      { id: "vllm-chat-1", engines: 2, dcgm: true, incident: true },
    ],
  },
  {
    ...defaults,
    name: "tgi-summarize",
    kind: "tgi",
    model: "mistralai/Mistral-7B-Instruct-v0.3",
    traffic: { seed: "tgi-summarize", baseRps: 1.5, dailyAmplitude: 0.45 },
    latency: { ttftMs: 250, itlMs: 28 },
    loadSlowdown: 1.6,
    incidentSlowdown: { ttftMs: 3, itlMs: 2 },
    promptTokensMean: 1800,
    generationTokensMean: 160,
    incidentRatio5xx: 0.3,
    incidentRatio429: 0.06,
    prefixHitRatio: 0,
    incidentPrefixHitRatio: 0,
    restartEveryMs: 24 * HOUR_MS,
    maxRunning: 64,
    kvCacheTokens: 60_000,
    replicas: [{ id: "tgi-summarize-0", engines: 1, dcgm: false, incident: true }],
  },
];

export function findSelfHostedServer(name: string): SelfHostedServerDef | undefined {
  return SELF_HOSTED_SERVERS.find((server) => server.name === name);
}

export function findSelfHostedReplica(
  name: string,
  replicaId: string,
): { server: SelfHostedServerDef; replica: SelfHostedReplicaDef } | undefined {
  const server = findSelfHostedServer(name);
  const replica = server?.replicas.find((candidate) => candidate.id === replicaId);
  return server && replica ? { server, replica } : undefined;
}
