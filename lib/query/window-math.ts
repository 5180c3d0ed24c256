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

/** Point-wise sum over the series that have a value there; null where none has. */
export function sumAcross(columns: readonly Values[], length: number): Values {
  return combine(columns, length, (values) => values.reduce((a, b) => a + b, 0));
}

/** Point-wise mean over the series that have a value there; null where none has. */
export function meanAcross(columns: readonly Values[], length: number): Values {
  return combine(columns, length, (values) => values.reduce((a, b) => a + b, 0) / values.length);
}

function combine(columns: readonly Values[], length: number, reduce: (values: number[]) => number): Values {
  const out: Values = new Array<number | null>(length).fill(null);
  const present: number[] = [];
  for (let k = 0; k < length; k++) {
    present.length = 0;
    for (const column of columns) {
      const v = column[k];
      if (v !== null && v !== undefined) present.push(v);
    }
    if (present.length > 0) out[k] = reduce(present);
  }
  return out;
}

/** Groups items by a key, keys sorted so series come out in a stable order. */
export function groupSorted<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
}
