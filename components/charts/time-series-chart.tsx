"use client";

import { memo, useCallback, useMemo, useState } from "react";
import {
  ComposedChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type MouseHandlerDataParam,
} from "recharts";
import type { ChartMarker } from "@/lib/chart/markers";
import type { PreparedChart } from "@/lib/chart/prepare-series";
import { formatNumber } from "@/lib/chart/format";
import { getDrawnMax, getValueTicks } from "@/lib/chart/value-ticks";
import { formatTimeTick, getTimeTicks } from "@/lib/time/ticks";
import { ChartMarkers } from "./chart-markers";
import { ChartTooltip } from "./chart-tooltip";
import { ActiveDots, SeriesShapes } from "./series-shapes";

/** What every chart on a page shares: the x domain, the zoom gestures, the time zone. */
export interface ChartFrame {
  fromMs: number;
  toMs: number;
  timeZone: string;
  syncId: string;
  /** The drawing width of one chart, for tick density. */
  widthPx: number;
  onZoom: (fromMs: number, toMs: number) => void;
  onZoomOut: () => void;
  /** Change events and the picked log row, drawn as vertical lines on every chart. */
  markers?: readonly ChartMarker[];
}

export interface ThresholdLine {
  y: number;
  label: string;
  color: string;
}

interface TimeSeriesChartProps {
  chart: PreparedChart;
  frame: ChartFrame;
  /** Keys of series not drawn (isolation in the legend). */
  hiddenKeys: ReadonlySet<string>;
  /** A shaded p50–p99 style band behind the lines (rows carry BAND_KEY). */
  bandColor?: string;
  /** Step interpolation for counts such as replicas. */
  stepped?: boolean;
  /** Stacked areas: the series add up to a whole (waiting + running). */
  stacked?: boolean;
  thresholds?: ThresholdLine[];
  height?: number;
}

const AXIS_COLOR = "var(--chart-axis)";
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const Y_AXIS_WIDTH_PX = 52;
const X_AXIS_HEIGHT_PX = 30;
/** The plot area inside the chart, where markers go. */
const PLOT_INSET = {
  top: MARGIN.top,
  right: MARGIN.right,
  bottom: X_AXIS_HEIGHT_PX,
  left: MARGIN.left + Y_AXIS_WIDTH_PX,
};

/** About one time label per 80 px. */
export function getMaxTicks(widthPx: number): number {
  return Math.max(2, Math.floor(widthPx / 80));
}

function readLabel(state: MouseHandlerDataParam): number | null {
  return typeof state.activeLabel === "number" ? state.activeLabel : null;
}

const TICK_STYLE = { fontSize: 11, fill: AXIS_COLOR };
const NO_THRESHOLDS: ThresholdLine[] = [];
const NO_CONTENT = () => null;

/**
 * Lines on a numeric time axis; dragging across it zooms every chart, a double-click zooms out.
 * Memoised, with every prop it hands recharts kept stable: a changed prop makes recharts recompute
 * its whole store, which is most of the page's work with 16 replicas per chart.
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  frame,
  thresholds = NO_THRESHOLDS,
  height = 200,
  ...drawn
}: TimeSeriesChartProps) {
  const { fromMs, toMs, timeZone, syncId, widthPx, onZoom, markers } = frame;
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  return (
    <div
      ref={setBox}
      onDoubleClick={frame.onZoomOut}
      className="relative select-none"
      data-testid="time-series-chart"
      data-from={fromMs}
      data-to={toMs}
    >
      <Plot
        {...drawn}
        {...{ fromMs, toMs, timeZone, syncId, widthPx, onZoom, thresholds, height }}
        tooltipContainer={box}
      />
      {markers && (
        <ChartMarkers
          {...{ markers, fromMs, toMs, timeZone }}
          inset={PLOT_INSET}
          plotWidthPx={widthPx - PLOT_INSET.left - PLOT_INSET.right}
        />
      )}
    </div>
  );
});

type PlotProps = Omit<TimeSeriesChartProps, "frame" | "thresholds" | "height"> &
  Pick<ChartFrame, "fromMs" | "toMs" | "timeZone" | "syncId" | "widthPx" | "onZoom"> & {
    thresholds: ThresholdLine[];
    height: number;
    tooltipContainer: HTMLElement | null;
  };

/** The recharts part, apart from the markers so that change events arriving do not redraw it. */
const Plot = memo(function Plot({
  chart,
  fromMs,
  toMs,
  timeZone,
  syncId,
  widthPx,
  onZoom,
  hiddenKeys,
  bandColor,
  stepped,
  stacked,
  thresholds,
  height,
  tooltipContainer,
}: PlotProps) {
  const [drag, setDrag] = useState<{ startMs: number; endMs: number } | null>(null);
  const { ticks, intervalMs } = useMemo(
    () => getTimeTicks(fromMs, toMs, getMaxTicks(widthPx), timeZone),
    [fromMs, toMs, widthPx, timeZone],
  );
  const xDomain = useMemo(() => [fromMs, toMs], [fromMs, toMs]);
  const formatX = useCallback((t: number) => formatTimeTick(t, intervalMs, timeZone), [intervalMs, timeZone]);
  const visible = useMemo(() => chart.series.filter((s) => !hiddenKeys.has(s.key)), [chart, hiddenKeys]);
  const valueTicks = useMemo(
    () =>
      getValueTicks(
        getDrawnMax(
          chart,
          visible.map((s) => s.key),
          thresholds.map((line) => line.y),
          stacked,
        ),
        4,
        chart.unit === "replicas",
      ),
    [chart, visible, thresholds, stacked],
  );
  const yDomain = useMemo(() => [0, valueTicks.at(-1)!], [valueTicks]);
  const style = useMemo(() => ({ width: "100%", height }), [height]);

  return (
    <ComposedChart
      responsive
      style={style}
      data={chart.rows}
      margin={MARGIN}
      syncId={syncId}
      syncMethod="value"
      cursor="crosshair"
      onMouseDown={(state) => {
        const at = readLabel(state);
        if (at !== null) setDrag({ startMs: at, endMs: at });
      }}
      onMouseMove={(state) => {
        const at = readLabel(state);
        if (drag && at !== null && at !== drag.endMs) setDrag({ ...drag, endMs: at });
      }}
      onMouseUp={() => {
        if (drag && drag.endMs !== drag.startMs) onZoom(drag.startMs, drag.endMs);
        setDrag(null);
      }}
      onMouseLeave={() => setDrag(null)}
    >
      <XAxis
        dataKey="t"
        type="number"
        domain={xDomain}
        height={X_AXIS_HEIGHT_PX}
        allowDataOverflow
        ticks={ticks}
        tickFormatter={formatX}
        stroke={AXIS_COLOR}
        tick={TICK_STYLE}
        tickLine={false}
      />
      <YAxis
        width={Y_AXIS_WIDTH_PX}
        stroke={AXIS_COLOR}
        tick={TICK_STYLE}
        tickLine={false}
        axisLine={false}
        tickFormatter={formatNumber}
        domain={yDomain}
        // The domain already holds every drawn value (and threshold): taken as given, it needs no
        // graphical item to compute, and our lines are not recharts items.
        allowDataOverflow
        ticks={valueTicks}
      />
      {/* Recharts' tooltip for the pointer's state and the cursor line; what it shows is ours. */}
      <Tooltip isAnimationActive={false} content={NO_CONTENT} />
      <ChartTooltip chart={chart} series={visible} timeZone={timeZone} container={tooltipContainer} />
      <SeriesShapes
        rows={chart.rows}
        series={visible}
        stepped={stepped ?? false}
        stacked={stacked ?? false}
        bandColor={bandColor}
      />
      <ActiveDots
        rows={chart.rows}
        series={visible}
        stacked={stacked ?? false}
        fromMs={chart.fromMs}
        stepMs={chart.stepMs}
      />
      {thresholds.map((t) => (
        <ReferenceLine
          key={t.label}
          y={t.y}
          stroke={t.color}
          strokeDasharray="4 3"
          ifOverflow="extendDomain"
          label={{ value: t.label, position: "insideTopRight", fill: t.color, fontSize: 11 }}
        />
      ))}
      {drag && drag.endMs !== drag.startMs && (
        <ReferenceArea x1={drag.startMs} x2={drag.endMs} fill="var(--chart-selection)" fillOpacity={0.3} />
      )}
    </ComposedChart>
  );
});
