import { describe, expect, it } from "vitest";
import { getSeriesColor, getStatusClass, PALETTE, STATUS_CLASS_COLORS } from "./colors";

describe("getSeriesColor", () => {
  it("colours status classes green, blue, amber and red", () => {
    expect(getSeriesColor("requests", { name: "2xx" })).toBe("#16a34a");
    expect(getSeriesColor("requests", { name: "3xx" })).toBe("#2563eb");
    expect(getSeriesColor("requests", { name: "4xx" })).toBe("#d97706");
    expect(getSeriesColor("requests", { name: "5xx" })).toBe("#dc2626");
  });

  it("gives each code a shade of its class, the same every time", () => {
    expect(getSeriesColor("requests", { name: "500" })).toBe(STATUS_CLASS_COLORS["5xx"]);
    expect(getSeriesColor("requests", { name: "503" })).toBe(getSeriesColor("requests", { name: "503" }));
    expect(getSeriesColor("requests", { name: "503" })).not.toBe(getSeriesColor("requests", { name: "502" }));
  });

  it("gives replicas stable palette colours independent of order", () => {
    const color = getSeriesColor("cpu", { name: "replica-7f9c" });
    expect(PALETTE).toContain(color);
    expect(getSeriesColor("memory", { name: "replica-7f9c" })).toBe(color);
  });
});

describe("getStatusClass", () => {
  it.each([
    ["2xx", "2xx"],
    ["503", "5xx"],
    ["p99", null],
    ["600", null],
  ])("%s → %s", (name, expected) => {
    expect(getStatusClass(name)).toBe(expected);
  });
});
