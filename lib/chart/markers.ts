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
