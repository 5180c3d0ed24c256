import { findHuggingFaceEndpoint, replicaScheduleOf, type HuggingFaceEndpointDef } from "./huggingface-catalog";
import { replicasAt, type ReplicaRun } from "./replicas";
import { MINUTE_MS } from "./traffic";

export interface HuggingFaceStatus {
  state: string;
  message: string;
  readyReplica: number;
  targetReplica: number;
  /** The replicas reporting metrics (ready ones only). */
  replicas: ReplicaRun[];
}

/** A replica takes a minute to start after scale-from-zero; until then the endpoint is initializing. */
const COLD_START_MS = MINUTE_MS;

export function huggingFaceStatusOf(def: HuggingFaceEndpointDef, atMs: number): HuggingFaceStatus {
  if (def.fixed || !def.serving) {
    const target = def.fixed?.state === "failed" ? def.scaling.minReplica : 0;
    return {
      state: def.fixed?.state ?? "pending",
      message: def.fixed?.message ?? "",
      readyReplica: 0,
      targetReplica: target,
      replicas: [],
    };
  }
  const running = replicasAt(replicaScheduleOf(def, def.serving), atMs);
  if (running.length === 0) {
    return {
      state: "scaledToZero",
      message: "Endpoint is scaled to zero",
      readyReplica: 0,
      targetReplica: 0,
      replicas: [],
    };
  }
  const ready = def.serving.coldStarts
    ? running.filter((replica) => atMs - replica.runStartMs >= COLD_START_MS)
    : running;
  if (ready.length === 0) {
    return {
      state: "initializing",
      message: "Endpoint is initializing",
      readyReplica: 0,
      targetReplica: running.length,
      replicas: [],
    };
  }
  return {
    state: "running",
    message: "Endpoint is ready",
    readyReplica: ready.length,
    targetReplica: running.length,
    replicas: ready,
  };
}

/** The state of a simulated endpoint at `atMs`, or undefined for an unknown name. */
export function getHuggingFaceStatus(endpointName: string, atMs: number): HuggingFaceStatus | undefined {
  const def = findHuggingFaceEndpoint(endpointName);
  return def && huggingFaceStatusOf(def, atMs);
}

const CREATED = "2026-10-01T09:12:44.101Z";

/** One item of `GET /v2/endpoint/{namespace}` at `atMs`. */
export function toHuggingFaceJson(
  def: HuggingFaceEndpointDef,
  namespace: string,
  atMs: number,
): Record<string, unknown> {
  const status = huggingFaceStatusOf(def, atMs);
  const author = { id: "64f0c0ffee0000000000a001", name: namespace };
  return {
    name: def.name,
    type: "protected",
    accountId: null,
    provider: { vendor: "aws", region: "us-east-1" },
    healthRoute: "/health",
    compute: {
      ...def.compute,
      scaling: { ...def.scaling, measure: { hardwareUsage: 80 } },
    },
    model: { ...def.model, framework: "pytorch" },
    status: {
      createdAt: CREATED,
      createdBy: author,
      updatedAt: CREATED,
      updatedBy: author,
      private: null,
      state: status.state,
      message: status.message,
      ...(status.readyReplica > 0 ? { url: `https://${def.name}.us-east-1.aws.endpoints.huggingface.cloud` } : {}),
      readyReplica: status.readyReplica,
      targetReplica: status.targetReplica,
    },
  };
}
