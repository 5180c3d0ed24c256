import { describe, expect, it } from "vitest";
import { getDrawnMax, getValueTicks } from "./value-ticks";
import type { PreparedChart } from "./prepare-series";

describe("getValueTicks", () => {
  it.each([
    [3726, [0, 1000, 2000, 3000, 4000]],
    [12, [0, 5, 10, 15]],
    [100, [0, 25, 50, 75, 100]],
    [0.9, [0, 0.25, 0.5, 0.75, 1]],
    [0.03, [0, 0.01, 0.02, 0.03]],
    [61, [0, 20, 40, 60, 80]],
  ])("max %d → %j", (max, ticks) => {
    expect(getValueTicks(max)).toEqual(ticks);
  });

  it("keeps whole steps for counts (replicas)", () => {
    expect(getValueTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(getValueTicks(7, 4, true)).toEqual([0, 2, 4, 6, 8]);
  });

  it("draws a flat zero or an empty chart on 0…1", () => {
    expect(getValueTicks(0)).toEqual([0, 1]);
    expect(getValueTicks(Number.NaN)).toEqual([0, 1]);
  });

  it("never has more intervals than asked, and always reaches the maximum", () => {
    for (let max = 0.001; max < 1e7; max *= 1.37) {
      const ticks = getValueTicks(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(4);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
    }
  });
});

describe("getDrawnMax", () => {
  const chart = {
    rows: [
      { t: 0, s0: 3, s1: 50 },
      { t: 1, s0: null, s1: 20, band: [1, 9] },
    ],
  } as unknown as PreparedChart;

  it("reads only visible series, and thresholds", () => {
    expect(getDrawnMax(chart, ["s0"], [])).toBe(3);
    expect(getDrawnMax(chart, ["s0", "s1"], [])).toBe(50);
    expect(getDrawnMax(chart, ["s0"], [8])).toBe(8);
    expect(getDrawnMax(chart, [], [])).toBe(0);
  });

  it("reads the top of the stack where series are stacked", () => {
    expect(getDrawnMax(chart, ["s0", "s1"], [], true)).toBe(53);
    expect(getDrawnMax(chart, ["s1"], [60], true)).toBe(60);
  });
});
