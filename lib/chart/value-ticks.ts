import type { PreparedChart } from "./prepare-series";

const NICE_FACTORS = [1, 2, 2.5, 5, 10];
const INTEGER_FACTORS = [1, 2, 5, 10];

/**
 * Y ticks from 0 on a round step (1, 2, 2.5 or 5 × 10^k) with at most `maxIntervals` intervals, the
 * last at or above `maxValue`: 0, 1000, 2000, 3000, 4000 where recharts' own would say 0, 950, 1900.
 */
export function getValueTicks(maxValue: number, maxIntervals = 4, integers = false): number[] {
  if (!(maxValue > 0) || !Number.isFinite(maxValue)) return [0, 1];
  const rough = maxValue / maxIntervals;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const factors = integers ? INTEGER_FACTORS : NICE_FACTORS;
  const factor = factors.find((f) => f * magnitude >= rough * (1 - 1e-9)) ?? 10;
  const step = integers ? Math.max(1, Math.round(factor * magnitude)) : factor * magnitude;
  const intervals = Math.max(1, Math.ceil(maxValue / step - 1e-9));
  // toPrecision drops the float noise of i × step (0.30000000000000004).
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** The largest value the chart draws: its visible series (their sum where stacked) and any threshold line. */
export function getDrawnMax(
  chart: PreparedChart,
  visibleKeys: readonly string[],
  thresholds: readonly number[],
  stacked = false,
): number {
  let max = Math.max(0, ...thresholds);
  for (const row of chart.rows) {
    let total = 0;
    for (const key of visibleKeys) {
      const value = row[key];
      if (typeof value !== "number") continue;
      total += value;
      if (value > max) max = value;
    }
    if (stacked && total > max) max = total;
  }
  return max;
}
