import type { HuggingFaceTraffic } from "./huggingface-catalog";
import { PLATEAU_MS } from "./plateau";
import { signedUnits } from "./random";
import type { ReplicaSchedule } from "./replicas";
import { latencyMeanMs, loadAt, rateAt } from "./traffic";

/** The endpoint's load over one plateau, taken at its middle. */
export interface PlateauLoad {
  plateau: number;
  perReplicaRps: number;
  latencyMedianMs: number;
}

export function plateauLoadOf(serving: HuggingFaceTraffic, schedule: ReplicaSchedule, plateau: number): PlateauLoad {
  const midMs = (plateau + 0.5) * PLATEAU_MS;
  const replicas = Math.max(1, schedule.countAt(Math.floor(midMs / schedule.gridMs)));
  return {
    plateau,
    perReplicaRps: rateAt(serving.traffic, midMs) / replicas,
    latencyMedianMs: serving.latencyMedianMs * (0.8 + 0.25 * loadAt(serving.traffic, midMs)),
  };
}

export interface ReplicaGauges {
  cpuPercent: number;
  memoryPercent: number;
  gpuPercent: number;
  vramPercent: number;
  pendingRequests: number;
}

const clamp = (value: number) => Math.min(100, Math.max(0, value));

/** One replica's gauges over a plateau: its share of the load, plus its own wobble for that plateau. */
export function replicaGaugesOf(
  endpointName: string,
  serving: HuggingFaceTraffic,
  load: PlateauLoad,
  replicaId: string,
): ReplicaGauges {
  const [cpu = 0, mem = 0, gpu = 0, vram = 0, pending = 0] = signedUnits(5, endpointName, load.plateau, replicaId);
  const utilisation = load.perReplicaRps / serving.perReplicaRps;
  // Little's law: in flight = arrival rate × time in system.
  const inFlight = load.perReplicaRps * (latencyMeanMs(load.latencyMedianMs) / 1000);
  return {
    cpuPercent: clamp(10 + 60 * utilisation + 5 * cpu),
    memoryPercent: clamp(35 + 15 * utilisation + 2 * mem),
    gpuPercent: clamp(5 + 80 * utilisation + 5 * gpu),
    vramPercent: clamp(68 + 8 * utilisation + vram),
    pendingRequests: Math.max(0, Math.round(inFlight * (1 + 0.3 * pending))),
  };
}
