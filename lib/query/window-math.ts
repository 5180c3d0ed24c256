import type { Downsample } from "@/lib/api/schemas";
import type { SeriesWindows } from "@/lib/store/windows";

/** One value or a gap per grid point. */
export type Values = (number | null)[];

/** A gauge per window: the average (or the max) of its samples; null where it has none. */
export function collapse(windows: SeriesWindows, agg: Downsample = "avg"): Values {
  return Array.from(windows.count, (count, k) => {
    if (count === 0) return null;
    return agg === "max" ? (windows.max[k] as number) : (windows.sum[k] as number) / count;
  });
}

/**
 * A counter per window: its increase ÷ the seconds that increase covers (VictoriaMetrics' rate),
 * or ÷ the step where nothing is covered (roll-ups, a lone first sample); null where it has no sample.
 */
export function ratePerSecond(windows: SeriesWindows, stepMs: number): Values {
  const { count, sum, coveredMs } = windows;
  return Array.from(count, (n, k) => {
    if (n === 0) return null;
    const spanMs = coveredMs?.[k] || stepMs;
    return ((sum[k] as number) * 1000) / spanMs;
  });
}

/** Total of a window's contributions (increases or per-minute values); null where none. */
export function windowSum(windows: SeriesWindows): Values {
  return Array.from(windows.count, (count, k) => (count === 0 ? null : (windows.sum[k] as number)));
}
