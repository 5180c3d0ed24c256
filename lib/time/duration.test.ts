import { describe, expect, it } from "vitest";
import { describeDuration, formatAge, formatDuration, parseDuration } from "./duration";

describe("durations", () => {
  it.each([
    ["15m", 900_000],
    ["6h", 21_600_000],
    ["30d", 2_592_000_000],
  ])("parses %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(["", "0h", "1.5h", "6", "h", "6H", "-6h", "06h"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("describes durations in words", () => {
    expect(describeDuration(3_600_000)).toBe("1 hour");
    expect(describeDuration(86_400_000)).toBe("24 hours");
    expect(describeDuration(7 * 86_400_000)).toBe("7 days");
    expect(describeDuration(15 * 60_000)).toBe("15 minutes");
  });
});

describe("formatAge", () => {
  it("formats ages compactly", () => {
    expect(formatAge(12_000)).toBe("12 s");
    expect(formatAge(4 * 60_000)).toBe("4 min");
    expect(formatAge(3 * 3_600_000)).toBe("3 h");
    expect(formatAge(3 * 86_400_000)).toBe("3 d");
  });
});
