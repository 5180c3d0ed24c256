import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The value at quantile `p` (0–1) of an ascending list, by nearest rank (the ⌈p·n⌉-th: the p95 of
 * 20 is the 19th, not the slowest); NaN when empty.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** CPU seconds (user + system) this process has used since `since`. */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

export const rssMb = () => process.memoryUsage().rss / 1e6;
// The heap in use counts garbage not yet collected; a full collection first leaves what is live.
setFlagsFromString("--expose-gc");
export const collectGarbage = runInNewContext("gc") as () => void;

/** The live JavaScript heap, after a full collection (RSS also holds SQLite's cache and what V8 keeps). */
export function liveHeapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1e6;
}

/** The machine's 1-, 5- and 15-minute load averages: the benchmarks share two cores with others. */
export function loadLine(): string {
  return `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}`;
}

export type Goal = [name: string, figure: string, goal: string, met: boolean];

/** The goal rows: each figure, its goal, and whether it met it. */
export function printGoals(goals: readonly Goal[]): void {
  console.log("GOALS");
  for (const [name, figure, goal, met] of goals) {
    console.log(`  ${(met ? "meets" : "MISSES").padEnd(6)}  ${name.padEnd(20)} ${figure.padEnd(24)} goal ${goal}`);
  }
}

/** A figure for people: grouped thousands, a fixed number of decimals. */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
