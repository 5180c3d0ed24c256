import { describe, expect, it } from "vitest";
import { describeRange } from "./time-range-picker";

const BASE = Date.UTC(2026, 10, 23, 8, 20, 0);

describe("describeRange", () => {
  it("names relative ranges in words", () => {
    expect(describeRange({ kind: "relative", durationMs: 6 * 3_600_000 }, "UTC")).toBe("Last 6 hours");
  });

  it("leaves out the end's date on the same day, and seconds for wide windows", () => {
    expect(describeRange({ kind: "absolute", fromMs: BASE, toMs: BASE + 6 * 3_600_000 }, "UTC")).toBe(
      "2026-11-23 08:20 → 14:20 UTC",
    );
    expect(describeRange({ kind: "absolute", fromMs: BASE, toMs: BASE + 24 * 3_600_000 }, "UTC")).toBe(
      "2026-11-23 08:20 → 2026-11-24 08:20 UTC",
    );
    expect(describeRange({ kind: "absolute", fromMs: BASE, toMs: BASE + 90_000 }, "UTC")).toBe(
      "2026-11-23 08:20:00 → 08:21:30 UTC",
    );
  });
});
