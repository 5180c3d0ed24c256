"use client";

import type { ReactNode } from "react";
import {
  groupMarkers,
  MARKER_COLORS,
  MARKER_LABELS,
  placeMarkers,
  type ChartMarker,
  type MarkerGroup,
  type PlacedMarker,
} from "@/lib/chart/markers";
import { formatTimestamp } from "@/lib/time/ticks";

interface ChartMarkersProps {
  markers: readonly ChartMarker[];
  fromMs: number;
  toMs: number;
  timeZone: string;
  /** Where the plot area sits inside the chart (the axes take the rest), in px. */
  inset: { top: number; right: number; bottom: number; left: number };
  /** The plot area's width: markers nearer each other than a handle share one. */
  plotWidthPx: number;
}

/** How many of a shared handle's changes its tooltip lists; it counts the rest. */
const LISTED_PER_GROUP = 6;

/**
 * Vertical lines over a chart's plot area at each marker's instant. The lines let the pointer through
 * (dragging still zooms); each has a handle at the top, a button reachable by keyboard, that shows the
 * marker's time and text on hover or focus. Markers too close to tell apart share one handle that
 * counts them, over a bar from the first to the last: a line each would hide the data.
 */
export function ChartMarkers({ markers, fromMs, toMs, timeZone, inset, plotWidthPx }: ChartMarkersProps) {
  const groups = groupMarkers(placeMarkers(markers, fromMs, toMs), plotWidthPx);
  if (groups.length === 0) return null;
  return (
    <div className="pointer-events-none absolute" style={inset} data-testid="chart-markers">
      {groups.map((group) =>
        group.members.length === 1 ? (
          <SingleMarker key={group.key} group={group} timeZone={timeZone} />
        ) : (
          <MarkerCluster key={group.key} group={group} timeZone={timeZone} />
        ),
      )}
    </div>
  );
}

function SingleMarker({ group, timeZone }: { group: MarkerGroup; timeZone: string }) {
  const marker = group.members[0] as PlacedMarker;
  const color = MARKER_COLORS[marker.kind];
  const when = `${formatTimestamp(marker.atMs, timeZone)} ${timeZone}`;
  return (
    <div
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
        aria-label={`${MARKER_LABELS[marker.kind]} at ${when}: ${marker.text}`}
        className="pointer-events-auto absolute -top-1.5 h-3 w-3 -translate-x-1/2 rotate-45 rounded-[2px] border border-white focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-900"
        style={{ background: color }}
      />
      <MarkerTooltip fraction={marker.fraction}>
        <div className="font-medium tabular-nums" style={{ color }}>
          {MARKER_LABELS[marker.kind]} · {when}
        </div>
        <div className="break-words">{marker.text}</div>
      </MarkerTooltip>
    </div>
  );
}

function MarkerCluster({ group, timeZone }: { group: MarkerGroup; timeZone: string }) {
  const { members } = group;
  const color = MARKER_COLORS[group.kind];
  const first = formatTimestamp((members[0] as PlacedMarker).atMs, timeZone);
  const last = formatTimestamp((members.at(-1) as PlacedMarker).atMs, timeZone);
  const span = `${first} – ${last} ${timeZone}`;
  const unlisted = members.length - LISTED_PER_GROUP;
  // Each change's kind is said only where they differ: "replicas 2 → 3" says its own.
  const mixed = members.some((marker) => marker.kind !== group.kind);
  return (
    <div
      className="group absolute inset-y-0"
      style={{ left: `${group.fraction * 100}%`, width: `${(group.toFraction - group.fraction) * 100}%` }}
      data-marker-kind="group"
      data-count={members.length}
      data-at={members[0]?.atMs}
    >
      <div
        className="absolute inset-x-0 top-0 h-0.5 min-w-px rounded-full"
        style={{ background: color, opacity: 0.6 }}
      />
      <button
        type="button"
        aria-label={`${members.length} changes, ${span}`}
        className="pointer-events-auto absolute -top-2 h-4 min-w-4 -translate-x-1/2 rounded-full border border-white px-0.5 text-[9px] leading-[14px] font-semibold text-white tabular-nums focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-900"
        style={{ background: color }}
      >
        {members.length > 99 ? "99+" : members.length}
      </button>
      <MarkerTooltip fraction={group.fraction}>
        <div className="font-medium tabular-nums" style={{ color }}>
          {members.length} changes · {span}
        </div>
        <ul className="mt-0.5 space-y-0.5">
          {members.slice(0, LISTED_PER_GROUP).map((marker) => (
            <li key={marker.key} className="break-words">
              <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
                {formatTimestamp(marker.atMs, timeZone).slice(5, 16)}
              </span>{" "}
              {mixed && <span style={{ color: MARKER_COLORS[marker.kind] }}>{MARKER_LABELS[marker.kind]}: </span>}
              {marker.text}
            </li>
          ))}
        </ul>
        {unlisted > 0 && (
          <div className="mt-0.5 text-zinc-500 dark:text-zinc-400">and {unlisted} more: zoom in to see each</div>
        )}
      </MarkerTooltip>
    </div>
  );
}

/** A marker's words, below its handle, on the side with room; shown on hover or keyboard focus. */
function MarkerTooltip({ fraction, children }: { fraction: number; children: ReactNode }) {
  return (
    <div
      role="tooltip"
      className={`invisible absolute top-3 z-10 w-64 rounded border border-zinc-200 bg-white/95 px-2 py-1 text-xs shadow group-focus-within:visible group-hover:visible dark:border-zinc-700 dark:bg-zinc-900/95 ${
        fraction > 0.6 ? "right-1" : "left-1"
      }`}
    >
      {children}
    </div>
  );
}
