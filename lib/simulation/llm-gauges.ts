import type { SelfHostedReplicaDef, SelfHostedServerDef } from "./llm-catalog";
import { engineShare } from "./llm-requests";
import { PLATEAU_MS } from "./plateau";
import { signedUnits } from "./random";
import { isIncident, latencyMeanMs, loadAt, rateAt } from "./traffic";

/** One engine (and the GPU it runs on) over a 15 s plateau: what vLLM, TGI and DCGM report as gauges. */
export interface EngineGauges {
  running: number;
  waiting: number;
  /** 0–1, as vLLM reports it. */
  kvCacheFraction: number;
  gpuUtilPercent: number;
  fbUsedMiB: number;
  temperatureC: number;
  powerW: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Taken at the plateau's middle, so every scrape of a plateau sees the same values. Running requests
 * follow Little's law (rate × time in system); during an incident the queue backs up and the cache fills.
 */
export function engineGaugesOf(
  server: SelfHostedServerDef,
  replica: SelfHostedReplicaDef,
  engine: number,
  plateau: number,
  anchorMs: number,
): EngineGauges {
  const midMs = (plateau + 0.5) * PLATEAU_MS;
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0] = signedUnits(6, server.name, plateau, replica.id, engine);
  const share = engineShare(server, replica, engine);
  const rps = share * rateAt(server.traffic, midMs);
  const steadyRps = share * server.steadyShare * server.traffic.baseRps;
  const incident = replica.incident && isIncident(midMs, anchorMs);
  const slowdown = incident ? server.incidentSlowdown.itlMs : 1;
  const e2eMs = (speed: number) =>
    latencyMeanMs((server.latency.ttftMs + server.generationTokensMean * server.latency.itlMs) * speed * slowdown);
  const inSystemS = (steadyRps * e2eMs(1) + (rps - steadyRps) * e2eMs(server.loadSlowdown)) / rps / 1000;
  const running = Math.min(server.maxRunning, Math.round(rps * inSystemS * (1 + 0.08 * w0)));
  const load = loadAt(server.traffic, midMs);
  const waiting = Math.round(incident ? rps * 6 * (1 + 0.3 * w1) : Math.max(0, load - 1.35) * 12 * (1 + 0.3 * w1));
  const tokensPerSequence = server.promptTokensMean + server.generationTokensMean / 2;
  const kvCacheFraction = incident
    ? 0.965 + 0.03 * Math.abs(w2)
    : clamp(0.03 + ((running * tokensPerSequence) / server.kvCacheTokens) * (1 + 0.05 * w2), 0, 1);
  const gpuUtilPercent = Math.round(incident ? clamp(98 + 2 * w3, 0, 100) : clamp(12 + 40 * load + 3 * w3, 0, 100));
  return {
    running,
    waiting,
    kvCacheFraction,
    gpuUtilPercent,
    // vLLM takes 90 % of the frame buffer up front (gpu_memory_utilization), whatever the load.
    fbUsedMiB: Math.round(server.gpu.memoryMiB * 0.9 + 12 * w4),
    temperatureC: Math.round(38 + 0.35 * gpuUtilPercent + w5),
    powerW: 16 + 0.55 * gpuUtilPercent + 2 * w5,
  };
}
