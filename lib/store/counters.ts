import "server-only";
import { CUMULATIVE_METRICS, type CanonicalMetric } from "@/lib/model/canonical";

/** Cumulative counters: roll-ups keep their reset-aware increases, not their values. */
export function isCumulative(metric: CanonicalMetric): boolean {
  return CUMULATIVE_METRICS.has(metric);
}

/** Increase from prev to value; a drop means the counter restarted, so all of value is new. */
export function counterIncrease(prev: number, value: number): number {
  return value >= prev ? value - prev : value;
}
