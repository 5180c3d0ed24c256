import { describe, expect, it } from "vitest";
import { QueryRangeError, resolvePanelQuery } from "./resolve-query";

const NOW = 1_788_718_023_456;
const DAY = 86_400_000;

describe("resolvePanelQuery", () => {
  it("defaults to the last hour at the server's step, aligned", () => {
    const q = resolvePanelQuery({ panel: "cpu" }, { nowMs: NOW, scrapeIntervalMs: 15_000 });
    expect(q.stepMs).toBe(15_000);
    expect(q.fromMs % q.stepMs).toBe(0);
    expect(q.toMs).toBe(Math.ceil(NOW / 15_000) * 15_000);
    expect(q.fromMs).toBe(Math.floor((NOW - 3600_000) / 15_000) * 15_000);
  });

  it("replaces a step that would exceed the point cap", () => {
    const q = resolvePanelQuery(
      { panel: "requests", from: NOW - 30 * DAY, to: NOW, step: 1000, by: "code", replica: "r1" },
      { nowMs: NOW, scrapeIntervalMs: 15_000 },
    );
    expect(q).toMatchObject({ stepMs: 3600_000, by: "code", replica: "r1" });
  });

  it.each([
    ["the server's step for the longest range", { from: NOW - 90 * DAY, to: NOW }],
    ["a step of the longest range for one hour", { from: NOW - 3600_000, to: NOW, step: 90 * DAY }],
    ["a step of 61 days for 30 days", { from: NOW - 30 * DAY, to: NOW, step: 61 * DAY }],
  ])("never answers more than the maximum range: %s", (_, params) => {
    const q = resolvePanelQuery({ panel: "cpu", ...params }, { nowMs: NOW, scrapeIntervalMs: 15_000 });
    expect(q.toMs - q.fromMs).toBeLessThanOrEqual(90 * DAY);
    expect(q.fromMs % q.stepMs).toBe(0);
    expect(q.toMs % q.stepMs).toBe(0);
    expect(q.toMs).toBeGreaterThanOrEqual(params.to);
  });

  it("rejects empty and overlong ranges", () => {
    const opts = { nowMs: NOW, scrapeIntervalMs: 15_000 };
    expect(() => resolvePanelQuery({ panel: "cpu", from: NOW, to: NOW }, opts)).toThrow(QueryRangeError);
    expect(() => resolvePanelQuery({ panel: "cpu", from: NOW - 91 * DAY, to: NOW }, opts)).toThrow(QueryRangeError);
  });
});
