import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "@/lib/api/schemas";
import { groupMarkers, MIN_HANDLE_GAP_PX, placeMarkers, toChartMarkers, type ChartMarker } from "./markers";

describe("markers", () => {
  const events = [
    { atMs: 1500, kind: "config" as const, text: "config 3 → 4" },
    { atMs: 500, kind: "state" as const, text: "state READY → NOT_READY" },
    { atMs: 1000, kind: "replica" as const, text: "replicas 2 → 3" },
  ];

  it("places the events and the picked log row inside the range, the log row last", () => {
    const placed = placeMarkers(toChartMarkers(events, 1250), 1000, 2000);
    expect(placed.map(({ kind, fraction }) => [kind, fraction])).toEqual([
      ["replica", 0],
      ["config", 0.5],
      ["log", 0.25],
    ]);
    expect(new Set(placed.map((marker) => marker.key)).size).toBe(3);
  });

  it("draws nothing outside the range or without a range", () => {
    expect(placeMarkers(toChartMarkers(events, 2001), 1600, 2000)).toEqual([]);
    expect(placeMarkers(toChartMarkers(events, null), 2000, 2000)).toEqual([]);
  });

  it("groups markers nearer than a handle's gap, each group starting a gap past the last one's first", () => {
    // A plot 200 px wide over 0…2000 ms: 10 ms a px, so 200 ms between handles at least.
    const at = [0, 100, 199, 200, 450, 1000];
    const replicas: ChartMarker[] = at.map((atMs) => ({ atMs, kind: "replica", text: `r ${atMs}` }));
    const groups = groupMarkers(placeMarkers(replicas, 0, 2000), 200);
    expect(groups.map((g) => g.members.map((m) => m.atMs))).toEqual([[0, 100, 199], [200], [450], [1000]]);
    expect(groups[0]).toMatchObject({ fraction: 0, toFraction: 0.0995, kind: "replica" });
    const handles = groups.map((g) => g.fraction * 200);
    handles.slice(1).forEach((px, i) => expect(px - (handles[i] as number)).toBeGreaterThanOrEqual(MIN_HANDLE_GAP_PX));
  });

  it("colours a mixed group by its weightiest kind and never groups the picked log row", () => {
    const mixed: ChangeEvent[] = [
      { atMs: 1000, kind: "replica", text: "replicas 2 → 3" },
      { atMs: 1001, kind: "config", text: "config 3 → 4" },
      { atMs: 1002, kind: "state", text: "READY → NOT_READY" },
    ];
    const groups = groupMarkers(placeMarkers(toChartMarkers(mixed, 1001), 1000, 2000), 500);
    expect(groups.map((g) => [g.kind, g.members.length])).toEqual([
      ["state", 3],
      ["log", 1],
    ]);
    // Wide enough apart, nothing is grouped.
    expect(groupMarkers(placeMarkers(mixed, 1000, 1002), 100_000)).toHaveLength(3);
  });
});
