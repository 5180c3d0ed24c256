import { describe, expect, it } from "vitest";
import { getMinStepMs, getStepMs } from "./step";

const HOUR = 3_600_000;

describe("getStepMs", () => {
  it("gives at most one point per pixel, rounded up to a nice step", () => {
    expect(getStepMs({ rangeMs: 6 * HOUR, widthPx: 800, minStepMs: 15_000, maxPoints: 1000 })).toBe(30_000);
    expect(getStepMs({ rangeMs: 30 * 24 * HOUR, widthPx: 800, minStepMs: 15_000, maxPoints: 1000 })).toBe(HOUR);
  });

  it("never goes below the scrape interval", () => {
    expect(getStepMs({ rangeMs: 15 * 60_000, widthPx: 1200, minStepMs: 60_000, maxPoints: 1000 })).toBe(60_000);
  });

  it("respects the point cap on very wide charts", () => {
    expect(getStepMs({ rangeMs: 24 * HOUR, widthPx: 5000, minStepMs: 1000, maxPoints: 1000 })).toBe(2 * 60_000);
  });

  it("keeps the number of points within width and cap", () => {
    for (const rangeMs of [60_000, HOUR, 7 * 24 * HOUR, 90 * 24 * HOUR]) {
      for (const widthPx of [120, 640, 1600]) {
        const step = getStepMs({ rangeMs, widthPx, minStepMs: 1000, maxPoints: 1000 });
        expect(rangeMs / step).toBeLessThanOrEqual(Math.min(widthPx, 1000));
      }
    }
  });
});

describe("getMinStepMs", () => {
  const now = 1_800_000_000_000;
  it("uses a minute within the raw retention and five minutes beyond", () => {
    expect(getMinStepMs(now - 6 * HOUR, now)).toBe(60_000);
    expect(getMinStepMs(now - 72 * HOUR, now)).toBe(300_000);
  });
});
