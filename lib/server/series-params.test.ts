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
    ["panel=cpu&from=abc", 'parameter "from": Invalid input: expected number, received NaN'],
    [`panel=cpu&from=${NOW}&to=${NOW - 1}`, `"from" (${NOW}) must be before "to" (${NOW - 1})`],
    [`panel=cpu&from=${NOW - 100 * 86_400_000}&to=${NOW}`, "range of 100 days exceeds the maximum of 90 days"],
    ["panel=cpu&step=10", 'parameter "step": Too small'],
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
