"use client";

import { createPortal } from "react-dom";
import { useActiveTooltipLabel, usePlotArea, useXAxisScale } from "recharts";
import type { Scale } from "@/lib/chart/series-paths";
import { rowAt, type ChartSeries, type PreparedChart } from "@/lib/chart/prepare-series";
import { formatValue } from "@/lib/chart/format";
import { formatTimestamp } from "@/lib/time/ticks";

interface ChartTooltipProps {
  chart: PreparedChart;
  series: readonly ChartSeries[];
  timeZone: string;
  /** The chart's box, which the tooltip is placed in (over the plot, beside the pointer's time). */
  container: HTMLElement | null;
}

const POINTER_GAP_PX = 12;

/**
 * The values at the pointer's time (or a synced chart's), read from the chart's rows. Recharts'
 * own tooltip shows only what its graphical items register, and the series are drawn by us.
 */
export function ChartTooltip({ chart, series, timeZone, container }: ChartTooltipProps) {
  const label = useActiveTooltipLabel();
  const x = useXAxisScale() as Scale | undefined;
  const plot = usePlotArea();
  const row = rowAt(chart, label);
  const at = row && x ? x(row.t) : undefined;
  if (!container || !plot || !row || at === undefined || !series.length) return null;
  // Right of the pointer in the plot's left half, left of it in the right half: never off the chart.
  const flip = at > plot.x + plot.width / 2;
  return createPortal(
    <div
      data-chart-tooltip=""
      className="pointer-events-none absolute z-10 rounded border border-zinc-200 bg-white/95 px-2 py-1 text-xs whitespace-nowrap shadow dark:border-zinc-700 dark:bg-zinc-900/95"
      style={{
        left: at + (flip ? -POINTER_GAP_PX : POINTER_GAP_PX),
        top: plot.y,
        transform: flip ? "translateX(-100%)" : undefined,
      }}
    >
      <div className="mb-1 font-medium tabular-nums">{formatTimestamp(row.t, timeZone)}</div>
      {series.map((s) => {
        const value = row[s.key];
        return (
          <div key={s.key} className="flex items-center gap-2 tabular-nums">
            <span className="inline-block h-2 w-2 rounded-full" style={{ background: s.color }} />
            <span className="grow">{s.name}</span>
            <span>{formatValue(typeof value === "number" ? value : null, chart.unit)}</span>
          </div>
        );
      })}
    </div>,
    container,
  );
}
