import type { Panel, SeriesResponse } from "@/lib/api/schemas";
import { panelMeta } from "@/lib/panels/catalog";

export interface ChartSeries {
  /** Safe as a recharts dataKey (names may hold dots, which recharts reads as paths). */
  key: string;
  name: string;
  labels: Record<string, string>;
  color: string;
  /** Limits (such as max replicas) are drawn dashed. */
  dashed: boolean;
}

export type ChartRow = { t: number } & { [key: string]: number | null | [number, number] };

export interface PreparedChart {
  panel: Panel;
  unit: string;
  fromMs: number;
  toMs: number;
  stepMs: number;
  rows: ChartRow[];
  series: ChartSeries[];
  /** False when every series is empty or all gaps: the chart shows "no data in this range". */
  hasData: boolean;
}

/**
 * Puts every series on one grid, from..to every stepMs. A grid slot no point landed on is null: a gap
 * in the line, never a zero.
 */
export function prepareSeries(response: SeriesResponse): PreparedChart {
  const { from: fromMs, to: toMs, stepMs } = response;
  const slots = stepMs > 0 && toMs >= fromMs ? Math.floor((toMs - fromMs) / stepMs) + 1 : 0;
  const placed = response.series.map((s) =>
    s.points.flatMap(([ts, value]) => {
      const slot = Math.round((ts - fromMs) / stepMs);
      return value !== null && Number.isFinite(value) && slot >= 0 && slot < slots ? [[slot, value] as const] : [];
    }),
  );
  // A series without one value in range (a replica that lived at another time) gets no line nor legend entry.
  const present = response.series.flatMap((s, i) => (placed[i]!.length ? [{ s, values: placed[i]! }] : []));
  const series = present.map(({ s }, i) => ({
    key: `s${i}`,
    name: s.name,
    labels: s.labels,
    color: panelMeta(response.panel).colorOf(s.name),
    dashed: s.name === "max",
  }));
  const rows: ChartRow[] = Array.from({ length: slots }, (_, i) => {
    const row: ChartRow = { t: fromMs + i * stepMs };
    for (const s of series) row[s.key] = null;
    return row;
  });
  present.forEach(({ values }, i) => {
    for (const [slot, value] of values) rows[slot]![`s${i}`] = value;
  });
  return { panel: response.panel, unit: response.unit, fromMs, toMs, stepMs, rows, series, hasData: series.length > 0 };
}

export const BAND_KEY = "band";

/** Adds a [low, high] range per row (for an Area band, e.g. p50–p99); null where either end is missing. */
export function withBand(chart: PreparedChart, lowName: string, highName: string): PreparedChart {
  const low = chart.series.find((s) => s.name === lowName)?.key;
  const high = chart.series.find((s) => s.name === highName)?.key;
  if (!low || !high) return chart;
  const rows = chart.rows.map((row) => {
    const a = row[low];
    const b = row[high];
    return { ...row, [BAND_KEY]: typeof a === "number" && typeof b === "number" ? ([a, b] as [number, number]) : null };
  });
  return { ...chart, rows };
}

/** The newest non-null value of each series, for text alternatives and headers. */
export function getLatestValues(chart: PreparedChart): { series: ChartSeries; value: number | null }[] {
  return chart.series.map((series) => {
    for (let i = chart.rows.length - 1; i >= 0; i--) {
      const value = chart.rows[i]![series.key];
      if (typeof value === "number") return { series, value };
    }
    return { series, value: null };
  });
}

/** The row of the grid slot at time `t` (a pointer's time, for one), if the chart has one there. */
export function rowAt(
  chart: { rows: readonly ChartRow[]; fromMs: number; stepMs: number },
  t: unknown,
): ChartRow | undefined {
  return typeof t === "number" && chart.stepMs > 0
    ? chart.rows[Math.round((t - chart.fromMs) / chart.stepMs)]
    : undefined;
}
