import { describe, expect, it } from "vitest";
import { LOG_SEVERITIES, severityRank, toLogSeverity } from "./log-severity";

describe("toLogSeverity", () => {
  it.each([
    ["ERROR", "ERROR"],
    ["error", "ERROR"],
    [" Err ", "ERROR"],
    ["ERROR2", "ERROR"],
    ["WARNING", "WARN"],
    ["warn", "WARN"],
    ["CRITICAL", "FATAL"],
    ["FATAL3", "FATAL"],
    ["SEVERE", "FATAL"],
    ["NOTICE", "INFO"],
    ["INFO", "INFO"],
    ["DEBUG4", "DEBUG"],
    ["FINEST", "DEBUG"],
    ["TRACE", "TRACE"],
    ["", "INFO"],
    [null, "INFO"],
    ["stdout", "INFO"],
  ])("%j → %s", (text, severity) => {
    expect(toLogSeverity(text)).toBe(severity);
  });

  it("ranks as OpenTelemetry's SeverityNumber ranges: TRACE 1 … FATAL 6", () => {
    expect(LOG_SEVERITIES.map(severityRank)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
