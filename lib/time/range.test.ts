import { describe, expect, it } from "vitest";
import { MAX_RANGE_MS } from "./horizons";
import {
  MIN_RANGE_MS,
  parseTimeRange,
  resolveTimeRange,
  serializeTimeRange,
  shiftRange,
  zoomOut,
  zoomTo,
  type TimeRange,
} from "./range";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const LAST_HOUR: TimeRange = { kind: "relative", durationMs: HOUR };

describe("parseTimeRange", () => {
  it("falls back when neither param is present", () => {
    expect(parseTimeRange(undefined, undefined, LAST_HOUR)).toEqual({ ok: true, range: LAST_HOUR });
  });

  it.each([
    ["now-15m", "now", 15 * 60_000],
    ["now-6h", undefined, 6 * HOUR],
    ["now-7d", "now", 7 * 24 * HOUR],
    ["now-2w", "now", 14 * 24 * HOUR],
    ["now-30d", "now", 30 * 24 * HOUR],
  ])("reads %s..%s as relative", (from, to, durationMs) => {
    expect(parseTimeRange(from, to, LAST_HOUR)).toEqual({ ok: true, range: { kind: "relative", durationMs } });
  });

  it("reads absolute epoch milliseconds", () => {
    expect(parseTimeRange("1000", "61000", LAST_HOUR)).toEqual({
      ok: true,
      range: { kind: "absolute", fromMs: 1000, toMs: 61000 },
    });
  });

  it.each([
    ["now-6x", "now", "`from` is not a duration like now-6h"],
    ["now-0h", "now", "`from` is not a duration like now-6h"],
    ["now-6h", "now-1h", '`to` must be "now"'],
    ["yesterday", "now", "`from` is neither"],
    ["1000", "now", "`to` must be epoch milliseconds"],
    ["2000", "1000", "`to` must be after `from`"],
    [undefined, "now", "`to` needs a `from`"],
    ["now-100d", "now", "longer than"],
    ["-5", "10", "`from` is neither"],
  ])("rejects from=%s to=%s", (from, to, message) => {
    const result = parseTimeRange(from, to, LAST_HOUR);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });
});

describe("serializeTimeRange", () => {
  it.each<TimeRange>([
    { kind: "relative", durationMs: 15 * 60_000 },
    { kind: "relative", durationMs: 24 * HOUR },
    { kind: "relative", durationMs: 30 * 24 * HOUR },
    { kind: "absolute", fromMs: NOW - HOUR, toMs: NOW },
  ])("round-trips %j", (range) => {
    const { from, to } = serializeTimeRange(range);
    expect(parseTimeRange(from, to, LAST_HOUR)).toEqual({ ok: true, range });
  });

  it("writes relative ranges in the largest exact unit", () => {
    expect(serializeTimeRange({ kind: "relative", durationMs: 24 * HOUR })).toEqual({ from: "now-24h", to: "now" });
    expect(serializeTimeRange({ kind: "relative", durationMs: 48 * HOUR })).toEqual({ from: "now-2d", to: "now" });
    expect(serializeTimeRange({ kind: "relative", durationMs: 90 * 60_000 })).toEqual({ from: "now-90m", to: "now" });
  });
});

describe("resolveTimeRange", () => {
  it("anchors relative ranges at now and leaves absolute ones alone", () => {
    expect(resolveTimeRange({ kind: "relative", durationMs: 6 * HOUR }, NOW)).toEqual({
      fromMs: NOW - 6 * HOUR,
      toMs: NOW,
    });
    expect(resolveTimeRange({ kind: "absolute", fromMs: 5, toMs: 10 }, NOW)).toEqual({ fromMs: 5, toMs: 10 });
  });
});

describe("zoomTo", () => {
  it("orders a right-to-left drag", () => {
    expect(zoomTo(NOW, NOW - HOUR)).toEqual({ kind: "absolute", fromMs: NOW - HOUR, toMs: NOW });
  });

  it("widens a tiny drag to the minimum span around its centre", () => {
    expect(zoomTo(NOW, NOW + 1000)).toEqual({
      kind: "absolute",
      fromMs: NOW + 500 - MIN_RANGE_MS / 2,
      toMs: NOW + 500 + MIN_RANGE_MS / 2,
    });
  });
});

describe("zoomOut", () => {
  it("doubles the span around the centre", () => {
    const resolved = { fromMs: NOW - 4 * HOUR, toMs: NOW - 2 * HOUR };
    expect(zoomOut(resolved, NOW)).toEqual({ kind: "absolute", fromMs: NOW - 5 * HOUR, toMs: NOW - HOUR });
  });

  it("never ends after now", () => {
    expect(zoomOut({ fromMs: NOW - HOUR, toMs: NOW }, NOW)).toEqual({
      kind: "absolute",
      fromMs: NOW - 2 * HOUR,
      toMs: NOW,
    });
  });

  it("never grows past the longest range", () => {
    const result = zoomOut({ fromMs: NOW - 60 * 24 * HOUR, toMs: NOW }, NOW);
    expect(result.kind === "absolute" && result.toMs - result.fromMs).toBe(MAX_RANGE_MS);
  });
});

describe("shiftRange", () => {
  const resolved = { fromMs: NOW - 4 * HOUR, toMs: NOW - 2 * HOUR };

  it("moves back by half the span", () => {
    expect(shiftRange(resolved, -1, NOW)).toEqual({ kind: "absolute", fromMs: NOW - 5 * HOUR, toMs: NOW - 3 * HOUR });
  });

  it("moves forward but stops at now", () => {
    expect(shiftRange(resolved, 1, NOW)).toEqual({ kind: "absolute", fromMs: NOW - 3 * HOUR, toMs: NOW - HOUR });
    expect(shiftRange({ fromMs: NOW - HOUR, toMs: NOW }, 1, NOW)).toEqual({
      kind: "absolute",
      fromMs: NOW - HOUR,
      toMs: NOW,
    });
  });
});
