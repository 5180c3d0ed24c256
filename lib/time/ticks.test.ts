import { describe, expect, it } from "vitest";
import { formatTimeTick, formatTimestamp, getTimeTicks, getZoneOffsetMs } from "./ticks";

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 10, 23, 0, 0, 0);

describe("getTimeTicks", () => {
  it("puts ticks on round hours for a six-hour range", () => {
    const { ticks, intervalMs } = getTimeTicks(BASE + 10 * 60_000, BASE + 6 * HOUR + 10 * 60_000, 8, "UTC");
    expect(intervalMs).toBe(HOUR);
    expect(ticks).toEqual([1, 2, 3, 4, 5, 6].map((h) => BASE + h * HOUR));
  });

  it("stays within the requested count", () => {
    for (const span of [60_000, HOUR, 24 * HOUR, 30 * 24 * HOUR]) {
      expect(getTimeTicks(BASE, BASE + span, 6, "UTC").ticks.length).toBeLessThanOrEqual(7);
    }
  });

  it("rounds to the wall clock of the given zone", () => {
    const { ticks } = getTimeTicks(BASE, BASE + 24 * HOUR, 5, "Asia/Kolkata");
    for (const tick of ticks) expect(formatTimeTick(tick, 6 * HOUR, "Asia/Kolkata")).toMatch(/^(00|06|12|18):00$|^Nov/);
  });
});

describe("formatTimeTick", () => {
  it("shows hours and minutes inside a day", () => {
    expect(formatTimeTick(BASE + 14.5 * HOUR, 30 * 60_000, "UTC")).toBe("14:30");
  });

  it("shows seconds below a minute", () => {
    expect(formatTimeTick(BASE + 15_000, 15_000, "UTC")).toBe("00:00:15");
  });

  it("shows the date at midnight and for day intervals", () => {
    expect(formatTimeTick(BASE, HOUR, "UTC")).toBe("Nov 23");
    expect(formatTimeTick(BASE + 5 * HOUR, 24 * HOUR, "UTC")).toBe("Nov 23");
  });

  it("reads the fixed zone, not the machine's", () => {
    expect(formatTimeTick(BASE + 14 * HOUR, HOUR, "America/New_York")).toBe("09:00");
    expect(getZoneOffsetMs(BASE, "America/New_York")).toBe(-5 * HOUR);
  });
});

describe("formatTimestamp", () => {
  it("is sortable and unambiguous", () => {
    expect(formatTimestamp(BASE + 14 * HOUR + 5_000, "UTC")).toBe("2026-11-23 14:00:05");
  });
});
