import { memoizeByIndex } from "./memo";
import type { ReplicaSchedule } from "./replicas";
import { MINUTE_MS, rateAt, type TrafficProfile } from "./traffic";

export interface HuggingFaceTraffic {
  traffic: TrafficProfile;
  /** The autoscaler adds a replica per this many requests per second. */
  perReplicaRps: number;
  latencyMedianMs: number;
  ratio4xx: number;
  ratio5xx: number;
  /** Scale-to-zero: awake for 12 minutes of every 30, answering 503s while the first replica starts. */
  coldStarts: boolean;
}

export interface HuggingFaceEndpointDef {
  name: string;
  model: { repository: string; revision: string; task: string; image: Record<string, unknown> };
  compute: { accelerator: string; instanceType: string; instanceSize: string };
  scaling: { minReplica: number; maxReplica: number; scaleToZeroTimeout: number | null };
  /** A state that never changes (paused, failed, …); null for a serving endpoint. */
  fixed: { state: string; message: string } | null;
  serving: HuggingFaceTraffic | null;
}

const AUTOSCALE_GRID_MS = 15 * MINUTE_MS;
const WAKE_PERIOD_MS = 30 * MINUTE_MS;
const AWAKE_MS = 12 * MINUTE_MS;

const tgi = { tgi: { url: "ghcr.io/huggingface/text-generation-inference:3.3.0" } };
const defaults = { ratio4xx: 0.02, ratio5xx: 0.004, coldStarts: false };

/** The simulated namespace: autoscaling, scale-to-zero with cold starts, paused, failed, pending, update failed. */
export const HUGGINGFACE_ENDPOINTS: readonly HuggingFaceEndpointDef[] = [
  {
    name: "sentiment-prod",
    model: {
      repository: "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
      revision: "714eb0fa89d2f80546fda750413ed43d93601a13",
      task: "text-classification",
      image: { huggingface: {} },
    },
    compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1" },
    scaling: { minReplica: 2, maxReplica: 6, scaleToZeroTimeout: null },
    fixed: null,
    serving: {
      ...defaults,
      traffic: { seed: "sentiment-prod", baseRps: 40, dailyAmplitude: 0.55 },
      perReplicaRps: 12,
      latencyMedianMs: 8,
    },
  },
  {
    name: "codegen",
    model: {
      repository: "Qwen/Qwen2.5-Coder-7B-Instruct",
      revision: "c03e6d358207e414f1eca0bb1891e29f1db0e242",
      task: "text-generation",
      image: tgi,
    },
    compute: { accelerator: "gpu", instanceType: "nvidia-a10g", instanceSize: "x1" },
    scaling: { minReplica: 2, maxReplica: 5, scaleToZeroTimeout: null },
    fixed: null,
    serving: {
      ...defaults,
      traffic: { seed: "codegen", baseRps: 6, dailyAmplitude: 0.5 },
      perReplicaRps: 2,
      latencyMedianMs: 650,
    },
  },
  {
    name: "llama-chat",
    model: {
      repository: "meta-llama/Llama-3.1-8B-Instruct",
      revision: "0e9e39f249a16976918f6564b8830bc894c89659",
      task: "text-generation",
      image: tgi,
    },
    compute: { accelerator: "gpu", instanceType: "nvidia-a100", instanceSize: "x2" },
    scaling: { minReplica: 0, maxReplica: 1, scaleToZeroTimeout: 15 },
    fixed: null,
    serving: {
      ...defaults,
      traffic: { seed: "llama-chat", baseRps: 1.5, dailyAmplitude: 0.3 },
      perReplicaRps: 10,
      latencyMedianMs: 900,
      coldStarts: true,
    },
  },
  {
    name: "whisper-batch",
    model: {
      repository: "openai/whisper-large-v3",
      revision: "06f233fe06e710322aca913c1bc4249a0d71fce1",
      task: "automatic-speech-recognition",
      image: { huggingface: {} },
    },
    compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1" },
    scaling: { minReplica: 1, maxReplica: 1, scaleToZeroTimeout: null },
    fixed: { state: "failed", message: "Endpoint failed to deploy" },
    serving: null,
  },
  {
    name: "bge-embed",
    model: {
      repository: "BAAI/bge-large-en-v1.5",
      revision: "d4aa6901d3a41ba39fb536a557fa166f842b0e09",
      task: "sentence-embeddings",
      image: { huggingface: {} },
    },
    compute: { accelerator: "cpu", instanceType: "intel-spr", instanceSize: "x2" },
    scaling: { minReplica: 1, maxReplica: 2, scaleToZeroTimeout: null },
    fixed: { state: "paused", message: "Endpoint is paused" },
    serving: null,
  },
  {
    name: "reranker",
    model: {
      repository: "BAAI/bge-reranker-v2-m3",
      revision: "953dc6f6f85a1b2dbfca4c34a2796e7dde08d41e",
      task: "text-classification",
      image: { huggingface: {} },
    },
    compute: { accelerator: "gpu", instanceType: "nvidia-t4", instanceSize: "x1" },
    scaling: { minReplica: 1, maxReplica: 2, scaleToZeroTimeout: null },
    fixed: { state: "pending", message: "Waiting for capacity" },
    serving: null,
  },
  {
    name: "summarizer",
    model: {
      repository: "facebook/bart-large-cnn",
      revision: "37f520fa929c961707657b28798b30c003dd100b",
      task: "summarization",
      image: { huggingface: {} },
    },
    compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1" },
    scaling: { minReplica: 1, maxReplica: 2, scaleToZeroTimeout: null },
    fixed: { state: "updateFailed", message: "Update failed: image pull error" },
    serving: null,
  },
];

export function findHuggingFaceEndpoint(name: string): HuggingFaceEndpointDef | undefined {
  return HUGGINGFACE_ENDPOINTS.find((endpoint) => endpoint.name === name);
}

/** Autoscaler decisions are cached per endpoint: every scrape asks for the cells behind each replica. */
const MAX_CACHED_DECISIONS = 10_080;
const schedules = new WeakMap<HuggingFaceEndpointDef, ReplicaSchedule>();

function countsOf(def: HuggingFaceEndpointDef, serving: HuggingFaceTraffic): (grid: number) => number {
  if (serving.coldStarts) return (grid) => ((grid * MINUTE_MS) % WAKE_PERIOD_MS < AWAKE_MS ? 1 : 0);
  const { minReplica, maxReplica } = def.scaling;
  return memoizeByIndex((grid) => {
    const wanted = Math.ceil(rateAt(serving.traffic, (grid + 0.5) * AUTOSCALE_GRID_MS) / serving.perReplicaRps);
    return Math.min(maxReplica, Math.max(minReplica, wanted));
  }, MAX_CACHED_DECISIONS);
}

/** The autoscaler: enough replicas for the load in the middle of each 15-minute cell, or the wake cycle. */
export function replicaScheduleOf(def: HuggingFaceEndpointDef, serving: HuggingFaceTraffic): ReplicaSchedule {
  let schedule = schedules.get(def);
  if (!schedule) {
    schedule = {
      seed: def.name,
      gridMs: serving.coldStarts ? MINUTE_MS : AUTOSCALE_GRID_MS,
      countAt: countsOf(def, serving),
      traffic: serving.traffic,
    };
    schedules.set(def, schedule);
  }
  return schedule;
}
