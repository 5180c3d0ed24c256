"use client";

import { MARKER_COLORS, MARKER_LABELS, placeMarkers, type ChartMarker } from "@/lib/chart/markers";
import { formatTimestamp } from "@/lib/time/ticks";

interface ChartMarkersProps {
  markers: readonly ChartMarker[];
  fromMs: number;
  toMs: number;
  timeZone: string;
  /** Where the plot area sits inside the chart (the axes take the rest), in px. */
  inset: { top: number; right: number; bottom: number; left: number };
}

/**
 * Vertical lines over a chart's plot area at each marker's instant. The lines let the pointer through
 * (dragging still zooms); each has a handle at the top, a button reachable by keyboard, that shows the
 * marker's time and text on hover or focus.
 */
export function ChartMarkers({ markers, fromMs, toMs, timeZone, inset }: ChartMarkersProps) {
  const placed = placeMarkers(markers, fromMs, toMs);
  if (placed.length === 0) return null;
  return (
    <div className="pointer-events-none absolute" style={inset} data-testid="chart-markers">
      {placed.map((marker) => {
        const color = MARKER_COLORS[marker.kind];
        const label = `${MARKER_LABELS[marker.kind]} at ${formatTimestamp(marker.atMs, timeZone)} ${timeZone}: ${marker.text}`;
        return (
          <div
            key={marker.key}
            className="group absolute inset-y-0"
            style={{ left: `${marker.fraction * 100}%` }}
            data-marker-kind={marker.kind}
            data-at={marker.atMs}
          >
            <div
              className="absolute inset-y-0 -translate-x-1/2 border-l"
              style={{
                borderColor: color,
                borderStyle: marker.kind === "replica" ? "dotted" : "dashed",
                opacity: marker.kind === "replica" ? 0.5 : 0.9,
              }}
            />
            <button
              type="button"
              aria-label={label}
              className="pointer-events-auto absolute -top-1.5 h-3 w-3 -translate-x-1/2 rotate-45 rounded-[2px] border border-white focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-900"
              style={{ background: color }}
            />
            <div
              role="tooltip"
              className={`invisible absolute top-3 z-10 w-64 rounded border border-zinc-200 bg-white/95 px-2 py-1 text-xs shadow group-focus-within:visible group-hover:visible dark:border-zinc-700 dark:bg-zinc-900/95 ${
                marker.fraction > 0.6 ? "right-1" : "left-1"
              }`}
            >
              <div className="font-medium tabular-nums" style={{ color }}>
                {MARKER_LABELS[marker.kind]} · {formatTimestamp(marker.atMs, timeZone)} {timeZone}
              </div>
              <div className="break-words">{marker.text}</div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
