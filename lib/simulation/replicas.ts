import { PLATEAU_MS } from "./plateau";
import { replicaIdOf, unit } from "./random";
import { HOUR_MS, type TrafficProfile } from "./traffic";

/** How many replicas run, piecewise constant on a grid (the autoscaler's decisions). */
export interface ReplicaSchedule {
  seed: string;
  gridMs: number;
  countAt: (gridIndex: number) => number;
  /** The endpoint's traffic, shared equally by the replicas running. */
  traffic: TrafficProfile;
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

interface SlotPhases {
  replaceMs: number;
  restartMs: number;
}

// Per schedule and slot: hashing them on every call was half the cost of `replicasAt`.
const phasesBySchedule = new WeakMap<ReplicaSchedule, SlotPhases[]>();

/**
 * Where in their periods a slot's replica is replaced and restarted, on plateau boundaries: every
 * scrape of a plateau then sees the same replicas.
 */
function phasesOf(schedule: ReplicaSchedule, slot: number): SlotPhases {
  let phases = phasesBySchedule.get(schedule);
  if (!phases) phasesBySchedule.set(schedule, (phases = []));
  return (phases[slot] ??= {
    replaceMs: phaseOf(schedule.seed, "replace", slot, REPLACE_EVERY_MS),
    restartMs: phaseOf(schedule.seed, "restart", slot, RESTART_EVERY_MS),
  });
}

/** A seeded offset into a period, on a plateau boundary. */
export function phaseOf(seed: string, what: string, slot: number, periodMs: number): number {
  return Math.floor((unit(seed, what, slot) * periodMs) / PLATEAU_MS) * PLATEAU_MS;
}

/** The latest instant ≤ atMs that is `offsetMs` past a multiple of the period. */
export function lastBoundary(atMs: number, periodMs: number, offsetMs: number): number {
  return Math.floor((atMs - offsetMs) / periodMs) * periodMs + offsetMs;
}

/** The replicas running at `atMs`: slots below the scheduled count, each with its current run. */
export function replicasAt(schedule: ReplicaSchedule, atMs: number): ReplicaRun[] {
  const { seed, gridMs, countAt } = schedule;
  const grid = Math.floor(atMs / gridMs);
  return Array.from({ length: countAt(grid) }, (_, slot) => {
    const { replaceMs, restartMs } = phasesOf(schedule, slot);
    const replacedMs = lastBoundary(atMs, REPLACE_EVERY_MS, replaceMs);
    let first = grid;
    while (first * gridMs > replacedMs && countAt(first - 1) > slot) first -= 1;
    const runStartMs = Math.max(first * gridMs, replacedMs);
    return {
      slot,
      id: replicaIdOf(seed, slot, runStartMs),
      runStartMs,
      processStartMs: Math.max(runStartMs, lastBoundary(atMs, RESTART_EVERY_MS, restartMs)),
    };
  });
}
