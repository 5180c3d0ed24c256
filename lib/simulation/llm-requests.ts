import type { SelfHostedReplicaDef, SelfHostedServerDef } from "./llm-catalog";
import { lastBoundary, phaseOf } from "./replicas";
import { INCIDENT_LENGTH_MS, INCIDENT_PERIOD_MS, latencyCdf, latencyMeanMs, requestsBetween } from "./traffic";

/** Requests of one class (steady or load-following, in an incident or not) and how they were answered. */
export interface RequestClass {
  requests: number;
  /** Answered 2xx: what the request histograms and token counters count. */
  successes: number;
  ttftMs: number;
  itlMs: number;
  e2eMs: number;
  incident: boolean;
}

/** One engine's requests since its process started: exact reals, floored only when printed. */
export interface EngineTotals {
  classes: RequestClass[];
  requests: number;
  successes: number;
  errors4xx: number;
  /** Including TGI's `overloaded` (429) answers. */
  errors429: number;
  errors5xx: number;
}

/** An engine's part of the server's traffic: the replicas share it equally, an engine's scheduler a little unevenly. */
export function engineShare(server: SelfHostedServerDef, replica: SelfHostedReplicaDef, engine: number): number {
  const skew = replica.engines > 1 ? 0.08 * (engine / (replica.engines - 1) - 0.5) : 0;
  return (1 + skew) / (server.replicas.length * replica.engines);
}

/** When the replica's process last started: counters count from there. */
export function processStartMs(server: SelfHostedServerDef, replica: SelfHostedReplicaDef, atMs: number): number {
  const slot = server.replicas.indexOf(replica);
  return lastBoundary(atMs, server.restartEveryMs, phaseOf(server.name, "restart", slot, server.restartEveryMs));
}

/** The parts of [fromMs, toMs) inside the recurring incident windows (at most a few: windows are 6 h apart). */
export function incidentSpans(fromMs: number, toMs: number, anchorMs: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let k = Math.floor((fromMs - anchorMs) / INCIDENT_PERIOD_MS); anchorMs + k * INCIDENT_PERIOD_MS < toMs; k += 1) {
    const startMs = Math.max(fromMs, anchorMs + k * INCIDENT_PERIOD_MS);
    const endMs = Math.min(toMs, anchorMs + k * INCIDENT_PERIOD_MS + INCIDENT_LENGTH_MS);
    if (endMs > startMs) spans.push([startMs, endMs]);
  }
  return spans;
}

function requestClass(server: SelfHostedServerDef, requests: number, steady: boolean, incident: boolean): RequestClass {
  const slow = (base: number, factor: number) => base * (steady ? 1 : server.loadSlowdown) * (incident ? factor : 1);
  const ttftMs = slow(server.latency.ttftMs, server.incidentSlowdown.ttftMs);
  const itlMs = slow(server.latency.itlMs, server.incidentSlowdown.itlMs);
  const failed = server.ratio4xx + (incident ? server.incidentRatio5xx + server.incidentRatio429 : server.ratio5xx);
  return {
    requests,
    successes: requests * (1 - failed),
    ttftMs,
    itlMs,
    e2eMs: ttftMs + server.generationTokensMean * itlMs,
    incident,
  };
}

/**
 * One engine's requests between two instants, as exact integrals of its share of the rate: a steady
 * stream (constant rate) and the load-following rest, each split at the incident windows it crosses.
 */
export function engineTotals(
  server: SelfHostedServerDef,
  replica: SelfHostedReplicaDef,
  engine: number,
  { fromMs, toMs, anchorMs }: { fromMs: number; toMs: number; anchorMs: number },
): EngineTotals {
  const share = engineShare(server, replica, engine);
  const steadyRps = share * server.steadyShare * server.traffic.baseRps;
  const all = share * requestsBetween(server.traffic, fromMs, toMs);
  const spans = replica.incident ? incidentSpans(fromMs, toMs, anchorMs) : [];
  const inIncident = spans.reduce((sum, [a, b]) => sum + share * requestsBetween(server.traffic, a, b), 0);
  const steadyInIncident = (steadyRps * spans.reduce((sum, [a, b]) => sum + b - a, 0)) / 1000;
  const steady = (steadyRps * (toMs - fromMs)) / 1000;
  const classes = [
    requestClass(server, steady - steadyInIncident, true, false),
    requestClass(server, all - steady - (inIncident - steadyInIncident), false, false),
    requestClass(server, steadyInIncident, true, true),
    requestClass(server, inIncident - steadyInIncident, false, true),
  ];
  const incident = classes.filter((c) => c.incident).reduce((sum, c) => sum + c.requests, 0);
  return {
    classes,
    requests: all,
    successes: classes.reduce((sum, c) => sum + c.successes, 0),
    errors4xx: all * server.ratio4xx,
    errors429: incident * server.incidentRatio429,
    errors5xx: (all - incident) * server.ratio5xx + incident * server.incidentRatio5xx,
  };
}

/** A cumulative histogram of log-logistic observations: counts floored per bucket, so every bucket only grows. */
export interface Histogram {
  buckets: number[];
  count: number;
  sum: number;
}

// The CDF at each bound, per bounds and median: a class's median is a constant, a backfill renders it 10⁴ times.
const cdfTables = new WeakMap<readonly number[], Map<number, number[]>>();

function cdfAt(bounds: readonly number[], median: number): number[] {
  let byMedian = cdfTables.get(bounds);
  if (!byMedian) cdfTables.set(bounds, (byMedian = new Map()));
  let table = byMedian.get(median);
  if (!table) byMedian.set(median, (table = bounds.map((bound) => latencyCdf(median, bound))));
  return table;
}

export function histogramOf(
  parts: ReadonlyArray<{ count: number; median: number }>,
  bounds: readonly number[],
): Histogram {
  const exact = new Array<number>(bounds.length).fill(0);
  let count = 0;
  let sum = 0;
  for (const part of parts) {
    const cdf = cdfAt(bounds, part.median);
    for (let i = 0; i < bounds.length; i += 1) exact[i] = (exact[i] ?? 0) + part.count * (cdf[i] ?? 0);
    count += part.count;
    sum += part.count * latencyMeanMs(part.median);
  }
  return { buckets: exact.map(Math.floor), count: Math.floor(count), sum };
}

/** The median of the log-logistic distribution (shape 3) whose mean is `mean`. */
export function medianForMean(mean: number): number {
  return mean / latencyMeanMs(1);
}
