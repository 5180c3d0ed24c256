"use client";

import { memo, useMemo } from "react";
import { DefaultZIndexes, useActiveTooltipLabel, useXAxisScale, useYAxisScale, ZIndexLayer } from "recharts";
import { BAND_KEY, rowAt, type ChartRow, type ChartSeries } from "@/lib/chart/prepare-series";
import { areaPath, linePath, stackRanges, type LineReader, type Scale } from "@/lib/chart/series-paths";

interface SeriesShapesProps {
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  stepped: boolean;
  /** Filled areas stacked in order (the series add up to a whole) instead of lines. */
  stacked: boolean;
  /** The colour of a [low, high] band drawn behind (rows carry BAND_KEY), if any. */
  bandColor?: string;
}

type Range = readonly [number, number] | null;
const byTime = { time: (item: { t: number }) => item.t };
const lineOf = (key: string): LineReader<ChartRow> => ({ ...byTime, value: (row) => row[key] });
const bandOf = { ...byTime, range: (row: ChartRow) => row[BAND_KEY] as Range };
const highOf = { ...byTime, value: (item: { t: number; range: Range }) => item.range?.[1] };
const rangeOf = { ...byTime, range: (item: { t: number; range: Range }) => item.range };

/**
 * The chart's series as SVG paths on the chart's own axes: one path a line, two a stacked area (its
 * fill, its top edge), one for a band. Drawn here rather than by recharts' Line and Area, which build
 * objects per point (and label entries never shown): with 16 replicas × 700 points a chart, that was
 * most of a page's and a zoom's CPU in the browser.
 */
export const SeriesShapes = memo(function SeriesShapes({
  rows,
  series,
  stepped,
  stacked,
  bandColor,
}: SeriesShapesProps) {
  const x = useXAxisScale() as Scale | undefined;
  const y = useYAxisScale() as Scale | undefined;
  const shapes = useMemo(() => {
    if (!x || !y) return null;
    const band = bandColor ? areaPath(rows, bandOf, x, y) : "";
    if (!stacked)
      return { band, series: series.map((s) => ({ s, fill: "", line: linePath(rows, lineOf(s.key), x, y, stepped) })) };
    const ranges = stackRanges(
      rows,
      series.map((s) => s.key),
    );
    return {
      band,
      series: series.map((s, k) => {
        const items = rows.map((row, i) => ({ t: row.t, range: ranges[k]![i]! }));
        return { s, fill: areaPath(items, rangeOf, x, y, stepped), line: linePath(items, highOf, x, y, stepped) };
      }),
    };
  }, [rows, series, stepped, stacked, bandColor, x, y]);
  if (!shapes) return null;
  return (
    <>
      {(shapes.band || stacked) && (
        <ZIndexLayer zIndex={DefaultZIndexes.area}>
          <g data-series-areas="">
            {shapes.band && (
              <path data-series-band="" d={shapes.band} fill={bandColor} fillOpacity={0.15} stroke="none" />
            )}
            {shapes.series.map(({ s, fill }) => (
              <path key={s.key} data-series-area={s.name} d={fill} fill={s.color} fillOpacity={0.25} stroke="none" />
            ))}
          </g>
        </ZIndexLayer>
      )}
      <ZIndexLayer zIndex={DefaultZIndexes.line}>
        <g data-series-lines="">
          {shapes.series.map(({ s, line }) => (
            <path
              key={s.key}
              data-series-line={s.name}
              d={line}
              fill="none"
              stroke={s.color}
              strokeWidth={1.5}
              strokeDasharray={s.dashed ? "6 4" : undefined}
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          ))}
        </g>
      </ZIndexLayer>
    </>
  );
});

interface ActiveDotsProps {
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  stacked: boolean;
  fromMs: number;
  stepMs: number;
}

/** A dot on every line (a stacked area's top edge) at the pointer's time, or a synced chart's. */
export function ActiveDots({ rows, series, stacked, fromMs, stepMs }: ActiveDotsProps) {
  const label = useActiveTooltipLabel();
  const x = useXAxisScale() as Scale | undefined;
  const y = useYAxisScale() as Scale | undefined;
  const row = rowAt({ rows, fromMs, stepMs }, label);
  const cx = row && x ? x(row.t) : undefined;
  if (!row || !y || cx === undefined) return null;
  // Where each dot sits: the value, or for stacked areas the top of its layer.
  const dots: { s: ChartSeries; cy: number }[] = [];
  let base = 0;
  for (const s of series) {
    const value = row[s.key];
    if (typeof value !== "number") continue;
    base = stacked ? base + value : value;
    const cy = y(base);
    if (cy !== undefined) dots.push({ s, cy });
  }
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.activeDot}>
      <g data-active-dots="">
        {dots.map(({ s, cy }) => (
          <circle key={s.key} cx={cx} cy={cy} r={3} fill={s.color} stroke="var(--chart-dot-ring)" strokeWidth={1.5} />
        ))}
      </g>
    </ZIndexLayer>
  );
}
