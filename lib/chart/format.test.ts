import { describe, expect, it } from "vitest";
import { formatNumber, formatShare, formatValue } from "./format";

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [0.01234, "0.0123"],
    [3.14159, "3.14"],
    [99.96, "100"],
    [123.4, "123"],
    [12_345, "12.3k"],
    [2_500_000, "2.5M"],
  ])("%d → %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe("formatValue", () => {
  it("speaks the unit", () => {
    expect(formatValue(230, "ms")).toBe("230 ms");
    expect(formatValue(1250, "ms")).toBe("1.25 s");
    expect(formatValue(12.5, "%")).toBe("12.5%");
    expect(formatValue(3.1, "req/s")).toBe("3.1 req/s");
  });

  it("shows a dash for a missing value, never zero", () => {
    expect(formatValue(null, "ms")).toBe("—");
    expect(formatValue(Number.NaN, "%")).toBe("—");
  });
});

describe("formatShare", () => {
  it("formats shares of requests", () => {
    expect(formatShare(0.0123)).toBe("1.23%");
    expect(formatShare(0.00001)).toBe("<0.1%");
    expect(formatShare(null)).toBe("—");
  });
});
