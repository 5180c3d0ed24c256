import { describe, expect, it } from "vitest";
import { ApiProblem } from "./api-response";
import { resolveSeriesQuery } from "./series-params";

const NOW = Date.UTC(2026, 10, 23, 12, 0, 7);
const context = { nowMs: NOW, scrapeIntervalMs: 15_000 };
const resolve = (query: string) => resolveSeriesQuery(new URLSearchParams(query), context);

describe("resolveSeriesQuery", () => {
  it("defaults to the last hour on an aligned grid within the point cap", () => {
    const q = resolve("panel=requests");
    expect(q.stepMs).toBe(15_000);
    expect(q.fromMs % q.stepMs).toBe(0);
    expect(q.toMs % q.stepMs).toBe(0);
    expect(q.fromMs).toBeLessThanOrEqual(NOW - 3_600_000);
    expect(q.toMs).toBeGreaterThanOrEqual(NOW);
    expect((q.toMs - q.fromMs) / q.stepMs + 1).toBeLessThanOrEqual(1000);
  });

  it("picks a coarser step for 30 days so at most 1,000 points come back", () => {
    const q = resolve(`panel=cpu&from=${NOW - 30 * 86_400_000}&to=${NOW}&by=replica`);
    expect(q.stepMs).toBe(3_600_000);
    expect((q.toMs - q.fromMs) / q.stepMs + 1).toBeLessThanOrEqual(1000);
    expect(q.by).toBe("replica");
  });

  it("coarsens a step that would exceed 1,000 points instead of failing", () => {
    const q = resolve(`panel=cpu&from=${NOW - 86_400_000}&to=${NOW}&step=1000`);
    expect((q.toMs - q.fromMs) / q.stepMs + 1).toBeLessThanOrEqual(1000);
  });

  it.each([
    ["panel=nope", 'parameter "panel": Invalid option: expected one of'],
    ["panel=cpu&from=abc", 'parameter "from": must be a whole number of milliseconds, in decimal digits'],
    ["panel=cpu&to=", 'parameter "to": must be a whole number of milliseconds'],
    ["panel=cpu&from=0x10", 'parameter "from": must be a whole number of milliseconds'],
    ["panel=cpu&from=1e3", 'parameter "from": must be a whole number of milliseconds'],
    ["panel=cpu&from=-1", 'parameter "from": must be a whole number of milliseconds'],
    ["panel=cpu&to=%201", 'parameter "to": must be a whole number of milliseconds'],
    ["panel=cpu&step=1e4", 'parameter "step": must be a whole number of milliseconds'],
    ["panel=cpu&step=100000000000", 'parameter "step": must be at most 7776000000'],
    ["panel=cpu&to=9999999999999999", 'parameter "to": must be at most 8640000000000000'],
    ["panel=cpu&width=0x10", 'parameter "width": must be a whole number of pixels'],
    ["panel=cpu&width=", 'parameter "width": must be a whole number of pixels'],
    [`panel=cpu&from=${NOW}&to=${NOW - 1}`, `"from" (${NOW}) must be before "to" (${NOW - 1})`],
    [`panel=cpu&from=${NOW - 100 * 86_400_000}&to=${NOW}`, "range of 100 days exceeds the maximum of 90 days"],
    ["panel=cpu&step=10", 'parameter "step": must be at least 1000'],
    ["panel=latency&by=code", 'parameter "by" for panel "latency": not accepted'],
    ["panel=requests&by=replica", 'parameter "by" for panel "requests": one of "class", "code"'],
    ["panel=cpu&token=x", 'unknown parameter "token"'],
  ])("rejects %s with a precise message", (query, message) => {
    let caught: unknown;
    try {
      resolve(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiProblem);
    expect((caught as ApiProblem).status).toBe(400);
    expect((caught as ApiProblem).message).toContain(message);
  });
});
