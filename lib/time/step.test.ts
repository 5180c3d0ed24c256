import { describe, expect, it } from "vitest";
import { alignRange, chooseStepMs, finestStepMs, roundUpToNiceStepMs } from "./step";
import { gridLength } from "./grid";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("roundUpToNiceStepMs", () => {
  it("picks the smallest nice step at or above the input", () => {
    expect(roundUpToNiceStepMs(1)).toBe(1000);
    expect(roundUpToNiceStepMs(1000)).toBe(1000);
    expect(roundUpToNiceStepMs(3600)).toBe(5000);
    expect(roundUpToNiceStepMs(16_000)).toBe(30_000);
    expect(roundUpToNiceStepMs(2.5 * HOUR)).toBe(3 * HOUR);
  });

  it("uses whole days beyond one day", () => {
    expect(roundUpToNiceStepMs(DAY + 1)).toBe(2 * DAY);
  });
});

describe("chooseStepMs", () => {
  it("follows the chart width when it is the coarsest constraint", () => {
    expect(chooseStepMs(HOUR, { widthPx: 600, minStepMs: 1000, maxPoints: 1000 })).toBe(10_000);
  });

  it("never goes below the scrape interval", () => {
    expect(chooseStepMs(HOUR, { widthPx: 1200, minStepMs: 60_000, maxPoints: 1000 })).toBe(MIN);
  });

  it("keeps long ranges under the point cap, grid ends included", () => {
    const cases: Array<[number, number]> = [
      [30 * DAY, HOUR],
      [7 * DAY, 15 * MIN],
      [DAY, 2 * MIN],
    ];
    for (const [rangeMs, expected] of cases) {
      const stepMs = chooseStepMs(rangeMs, { minStepMs: 15_000, maxPoints: 1000 });
      expect(stepMs).toBe(expected);
      const now = 1_788_718_023_456;
      const aligned = alignRange(now - rangeMs, now, stepMs);
      expect(gridLength(aligned.fromMs, aligned.toMs, stepMs)).toBeLessThanOrEqual(1000);
    }
  });
});

describe("alignRange", () => {
  it("rounds from down and to up to the step", () => {
    expect(alignRange(61_500, 119_000, 15_000)).toEqual({ fromMs: 60_000, toMs: 120_000 });
    expect(alignRange(60_000, 120_000, 15_000)).toEqual({ fromMs: 60_000, toMs: 120_000 });
  });
});

describe("chooseStepMs over chart widths", () => {
  it("keeps the number of points within width and cap", () => {
    for (const rangeMs of [60_000, HOUR, 7 * DAY, 90 * DAY]) {
      for (const widthPx of [120, 640, 1600, 5000]) {
        const stepMs = chooseStepMs(rangeMs, { widthPx, minStepMs: 1000, maxPoints: 1000 });
        expect(rangeMs / stepMs).toBeLessThanOrEqual(Math.min(widthPx, 1000));
      }
    }
  });
});

describe("finestStepMs", () => {
  const now = 1_800_000_000_000;
  it("is the scrape interval within the raw horizon and a roll-up bucket beyond it", () => {
    expect(finestStepMs(now - 6 * HOUR, now, 15_000)).toBe(15_000);
    expect(finestStepMs(now - 72 * HOUR, now, 15_000)).toBe(5 * MIN);
    expect(finestStepMs(now - 72 * HOUR, now, HOUR)).toBe(HOUR);
  });
});
