import { describe, expect, it } from "vitest";
import { placeMarkers, toChartMarkers } from "./markers";

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
});
