import { describe, expect, it } from "vitest";
import { gridLength, gridTimes, toPoints, windowIndex } from "./grid";

describe("grid", () => {
  it("includes both ends", () => {
    expect(gridTimes(0, 30_000, 10_000)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(gridLength(0, 30_000, 10_000)).toBe(4);
    expect(gridLength(10, 0, 10)).toBe(0);
  });

  it("puts a timestamp in the window (t − step, t] that ends at or after it", () => {
    expect(windowIndex(10_000, 0, 10_000)).toBe(1);
    expect(windowIndex(10_001, 0, 10_000)).toBe(2);
    expect(windowIndex(1, 0, 10_000)).toBe(1);
    expect(windowIndex(0, 0, 10_000)).toBe(0);
  });

  it("turns missing values into null gaps, never 0", () => {
    expect(toPoints([0, 10, 20], [1, undefined, Number.NaN])).toEqual([
      [0, 1],
      [10, null],
      [20, null],
    ]);
    expect(toPoints([0, 10], [0, null])).toEqual([
      [0, 0],
      [10, null],
    ]);
  });
});
