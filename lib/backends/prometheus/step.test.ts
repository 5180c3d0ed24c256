import { describe, expect, it } from "vitest";
import { gridTimestamps, PROMETHEUS_MAX_POINTS_PER_SERIES, toPrometheusGrid } from "./step";

describe("toPrometheusGrid", () => {
  it("keeps a grid that fits", () => {
    const grid = { fromMs: 0, toMs: 10_999_000, stepMs: 1000 };
    expect(toPrometheusGrid(grid)).toBe(grid);
    expect(gridTimestamps(grid)).toHaveLength(PROMETHEUS_MAX_POINTS_PER_SERIES);
  });

  it("coarsens to the smallest multiple of the step under 11,000 points, realigned inward", () => {
    const grid = toPrometheusGrid({ fromMs: 1_000, toMs: 86_401_000, stepMs: 1000 });
    expect(grid).toEqual({ fromMs: 8000, toMs: 86_400_000, stepMs: 8000 });
    expect(gridTimestamps(grid).length).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS_PER_SERIES);
    expect(toPrometheusGrid({ fromMs: 0, toMs: 11_000_000, stepMs: 1000 }).stepMs).toBe(2000);
  });

  it("lists the grid's timestamps inclusively", () => {
    expect(gridTimestamps({ fromMs: 60_000, toMs: 180_000, stepMs: 60_000 })).toEqual([60_000, 120_000, 180_000]);
  });
});
