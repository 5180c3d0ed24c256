import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, parseDashboardParams, serializeDashboardParams, type DashboardParams } from "./search-params";

describe("dashboard search params", () => {
  it("uses the defaults for an empty URL", () => {
    expect(parseDashboardParams({})).toEqual({ params: DEFAULT_PARAMS, errors: [] });
  });

  it("round-trips a full view", () => {
    const params: DashboardParams = {
      range: { kind: "absolute", fromMs: 1_800_000_000_000, toMs: 1_800_000_600_000 },
      replica: "fraud-7f9c",
      view: "hardware",
      by: "code",
      details: ["cpu", "vram"],
      refresh: "off",
      solo: { latency: "p99", cpu: "replica:a" },
      severity: "WARN",
      q: "50% of_all",
      mark: 1_800_000_300_123,
    };
    const search = serializeDashboardParams(params);
    expect(parseDashboardParams(new URLSearchParams(search))).toEqual({ params, errors: [] });
  });

  it("reads Next's search-param record, arrays included", () => {
    const { params } = parseDashboardParams({ from: "now-24h", to: "now", solo: ["requests:5xx", "latency:p99"] });
    expect(params.range).toEqual({ kind: "relative", durationMs: 24 * 3_600_000 });
    expect(params.solo).toEqual({ requests: "5xx", latency: "p99" });
  });

  it("reports what it cannot read and keeps the defaults for it", () => {
    const { params, errors } = parseDashboardParams({ from: "yesterday", view: "logs", details: "cpu,disk" });
    expect(params.range).toEqual(DEFAULT_PARAMS.range);
    expect(params.view).toBe("requests");
    expect(params.details).toEqual(["cpu"]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain("Time range");
  });

  it("reports a log level or a marked time it cannot read", () => {
    const { params, errors } = parseDashboardParams({ severity: "LOUD", mark: "noon" });
    expect([params.severity, params.mark]).toEqual(["ERROR", null]);
    expect(errors).toEqual(['Unknown log level "LOUD"', 'The marked time "noon" is not milliseconds since the epoch']);
  });

  it("keeps default values out of the URL", () => {
    expect(serializeDashboardParams(DEFAULT_PARAMS)).toBe("from=now-6h&to=now");
  });
});
