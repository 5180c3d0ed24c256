import type { CanonicalMetric } from "@/lib/model/canonical";

/** Cumulative counters: roll-ups keep their reset-aware increases, not their values. */
const CUMULATIVE: ReadonlySet<CanonicalMetric> = new Set<CanonicalMetric>([
  "requests_total",
  "latency_bucket_cumulative_ms",
]);

export function isCumulative(metric: CanonicalMetric): boolean {
  return CUMULATIVE.has(metric);
}

/** Increase from prev to value; a drop means the counter restarted, so all of value is new. */
export function counterIncrease(prev: number, value: number): number {
  return value >= prev ? value - prev : value;
}
