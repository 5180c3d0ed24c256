import type { ChangeEvent } from "@/lib/api/schemas";
import type { EventKind } from "@/lib/model/endpoint-change";

/**
 * Vertical markers every time-series chart of a page draws at the same instants: the endpoint's
 * change events, and the time of the log row the user picked. Pure.
 */
export type MarkerKind = EventKind | "log";

export interface ChartMarker {
  atMs: number;
  kind: MarkerKind;
  /** What hovering or focusing the marker says. */
  text: string;
}

export interface PlacedMarker extends ChartMarker {
  /** 0 at the left edge of the plot, 1 at the right. */
  fraction: number;
  key: string;
}

export const MARKER_COLORS: Record<MarkerKind, string> = {
  config: "#7c3aed",
  state: "#d97706",
  replica: "#64748b",
  log: "#dc2626",
};

export const MARKER_LABELS: Record<MarkerKind, string> = {
  config: "Config change",
  state: "State change",
  replica: "Replicas",
  log: "Log row",
};

export function toChartMarkers(events: readonly ChangeEvent[], markedLogMs: number | null): ChartMarker[] {
  const markers: ChartMarker[] = events.map(({ atMs, kind, text }) => ({ atMs, kind, text }));
  if (markedLogMs !== null) markers.push({ atMs: markedLogMs, kind: "log", text: "the log row picked below" });
  return markers;
}

/** The markers inside [fromMs, toMs], placed along the plot; the picked log row last, so it is drawn on top. */
export function placeMarkers(markers: readonly ChartMarker[], fromMs: number, toMs: number): PlacedMarker[] {
  if (toMs <= fromMs) return [];
  return markers
    .filter((marker) => marker.atMs >= fromMs && marker.atMs <= toMs)
    .sort((a, b) => Number(a.kind === "log") - Number(b.kind === "log") || a.atMs - b.atMs)
    .map((marker, i) => ({
      ...marker,
      fraction: (marker.atMs - fromMs) / (toMs - fromMs),
      key: `${marker.kind}-${marker.atMs}-${i}`,
    }));
}

/** Markers close enough on the plot to share one handle; a lone marker is a group of one. */
export interface MarkerGroup {
  key: string;
  /** Where the first member sits (the handle), and the last (the band's end), 0…1 along the plot. */
  fraction: number;
  toFraction: number;
  /** The kind whose colour the group takes: its only kind, else the one that matters most. */
  kind: MarkerKind;
  members: PlacedMarker[];
}

/** Handles at least this far apart never overlap. */
export const MIN_HANDLE_GAP_PX = 20;

const KIND_PRIORITY: readonly MarkerKind[] = ["log", "state", "config", "replica"];

/**
 * Placed markers grouped so that handles stay MIN_HANDLE_GAP_PX apart on a plot `plotWidthPx`
 * wide: a week of autoscaling is hundreds of replica changes, each line unreadable on its own.
 * Each group begins at a marker at least the gap past the previous group's first; the picked log
 * row is never grouped, so it stays findable.
 */
export function groupMarkers(placed: readonly PlacedMarker[], plotWidthPx: number): MarkerGroup[] {
  const gap = MIN_HANDLE_GAP_PX / Math.max(plotWidthPx, 1);
  const groups: MarkerGroup[] = [];
  let open: MarkerGroup | null = null;
  for (const marker of placed) {
    if (marker.kind !== "log" && open && marker.fraction - open.fraction < gap) {
      open.members.push(marker);
      open.toFraction = marker.fraction;
      if (KIND_PRIORITY.indexOf(marker.kind) < KIND_PRIORITY.indexOf(open.kind)) open.kind = marker.kind;
      continue;
    }
    const group: MarkerGroup = {
      key: marker.key,
      fraction: marker.fraction,
      toFraction: marker.fraction,
      kind: marker.kind,
      members: [marker],
    };
    groups.push(group);
    if (marker.kind !== "log") open = group;
  }
  return groups;
}
