import { unit } from "./random";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_S = 86_400;

/** Request rate as a sum of sines: a daily rhythm plus two faster waves, so its integral is exact. */
export interface TrafficProfile {
  seed: string;
  /** Mean requests per second. */
  baseRps: number;
  /** Daily swing, 0–0.6 (the rate stays positive). */
  dailyAmplitude: number;
}

interface Wave {
  amplitude: number;
  omega: number;
  phase: number;
}

// Cached per profile: a history backfill evaluates the rate millions of times.
const wavesCache = new WeakMap<TrafficProfile, Wave[]>();

function wavesOf(profile: TrafficProfile): Wave[] {
  const cached = wavesCache.get(profile);
  if (cached) return cached;
  const phase = (i: number) => unit(profile.seed, "phase", i) * 2 * Math.PI;
  const waves = [
    { amplitude: profile.dailyAmplitude, omega: (2 * Math.PI) / DAY_S, phase: phase(0) },
    { amplitude: 0.15, omega: (2 * Math.PI) / (47 * 60), phase: phase(1) },
    { amplitude: 0.08, omega: (2 * Math.PI) / (13 * 60), phase: phase(2) },
  ];
  wavesCache.set(profile, waves);
  return waves;
}

/** Requests per second at `atMs`. */
export function rateAt(profile: TrafficProfile, atMs: number): number {
  const t = atMs / 1000;
  let waves = 0;
  for (const w of wavesOf(profile)) waves += w.amplitude * Math.sin(w.omega * t + w.phase);
  return profile.baseRps * (1 + waves);
}

/** Requests between two instants: the exact integral of `rateAt`. */
export function requestsBetween(profile: TrafficProfile, fromMs: number, toMs: number): number {
  const t0 = fromMs / 1000;
  const t1 = toMs / 1000;
  let waves = 0;
  for (const w of wavesOf(profile)) {
    waves += (w.amplitude * (Math.cos(w.omega * t0 + w.phase) - Math.cos(w.omega * t1 + w.phase))) / w.omega;
  }
  return profile.baseRps * (t1 - t0 + waves);
}

/** Load relative to the mean, about 0.2–1.8. */
export function loadAt(profile: TrafficProfile, atMs: number): number {
  return rateAt(profile, atMs) / profile.baseRps;
}

/** Latency is log-logistic: closed-form quantiles and CDF, a long right tail. */
const LATENCY_SHAPE = 3;

export function latencyCdf(medianMs: number, ms: number): number {
  return ms <= 0 ? 0 : 1 / (1 + (medianMs / ms) ** LATENCY_SHAPE);
}

export function latencyQuantileMs(medianMs: number, q: number): number {
  return medianMs * (q / (1 - q)) ** (1 / LATENCY_SHAPE);
}

/** Mean of the log-logistic distribution (shape 3). */
export function latencyMeanMs(medianMs: number): number {
  const b = Math.PI / LATENCY_SHAPE;
  return (medianMs * b) / Math.sin(b);
}

/**
 * The recurring 5xx incident: 20 minutes every 6 hours, counted from `anchorMs`, so a server
 * started at the anchor is in an incident for its first minutes.
 */
export const INCIDENT_PERIOD_MS = 6 * HOUR_MS;
export const INCIDENT_LENGTH_MS = 20 * MINUTE_MS;

export function isIncident(atMs: number, anchorMs: number): boolean {
  const into = (((atMs - anchorMs) % INCIDENT_PERIOD_MS) + INCIDENT_PERIOD_MS) % INCIDENT_PERIOD_MS;
  return into < INCIDENT_LENGTH_MS;
}

/** A small deterministic wobble in [-1, 1) for gauges, per minute. */
export function jitter(seed: string, atMs: number, ...parts: Array<string | number>): number {
  return unit(seed, Math.floor(atMs / MINUTE_MS), ...parts) * 2 - 1;
}
