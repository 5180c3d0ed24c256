import { HOUR_MS } from "./traffic";
import { replicaIdOf, unit } from "./random";

/** How many replicas run, piecewise constant on a grid (the autoscaler's decisions). */
export interface ReplicaSchedule {
  seed: string;
  gridMs: number;
  countAt: (gridIndex: number) => number;
}

export interface ReplicaRun {
  slot: number;
  id: string;
  /** When this replica (this id) started. */
  runStartMs: number;
  /** When its process last (re)started: counters count from here. */
  processStartMs: number;
}

/** A replica in each slot is replaced every 6 h (new id) and its process restarts every 2 h (same id, counters at 0). */
const REPLACE_EVERY_MS = 6 * HOUR_MS;
const RESTART_EVERY_MS = 2 * HOUR_MS;

function lastBoundary(atMs: number, periodMs: number, offsetMs: number): number {
  return Math.floor((atMs - offsetMs) / periodMs) * periodMs + offsetMs;
}

/** The replicas running at `atMs`: slots below the scheduled count, each with its current run. */
export function replicasAt(schedule: ReplicaSchedule, atMs: number): ReplicaRun[] {
  const { seed, gridMs, countAt } = schedule;
  const grid = Math.floor(atMs / gridMs);
  return Array.from({ length: countAt(grid) }, (_, slot) => {
    const replacedMs = lastBoundary(atMs, REPLACE_EVERY_MS, unit(seed, "replace", slot) * REPLACE_EVERY_MS);
    let first = grid;
    while (first * gridMs > replacedMs && countAt(first - 1) > slot) first -= 1;
    const runStartMs = Math.max(first * gridMs, replacedMs);
    const restartedMs = lastBoundary(atMs, RESTART_EVERY_MS, unit(seed, "restart", slot) * RESTART_EVERY_MS);
    return {
      slot,
      id: replicaIdOf(seed, slot, runStartMs),
      runStartMs,
      processStartMs: Math.max(runStartMs, restartedMs),
    };
  });
}

/** ∫ share(τ) dτ from `fromMs` to `toMs`, where `share` is constant on each grid cell (e.g. rate ÷ replicas). */
export function integrateOnGrid(
  gridMs: number,
  fromMs: number,
  toMs: number,
  cellIntegral: (gridIndex: number, fromMs: number, toMs: number) => number,
): number {
  let total = 0;
  for (let start = fromMs; start < toMs;) {
    const grid = Math.floor(start / gridMs);
    const end = Math.min(toMs, (grid + 1) * gridMs);
    total += cellIntegral(grid, start, end);
    start = end;
  }
  return total;
}
