import { describe, expect, it } from "vitest";
import type { EndpointSummary } from "@/lib/api/schemas";
import {
  DEFAULT_FLEET_PARAMS,
  filterEndpoints,
  getHealthRank,
  hasLlmFigures,
  parseFleetParams,
  serializeFleetParams,
  sortEndpoints,
} from "./fleet-model";

const NO_LLM = { ttftP95Ms: null, tokenRate: null };

function endpoint(name: string, overrides: Partial<EndpointSummary> = {}): EndpointSummary {
  return {
    id: `ws.${name}`,
    source: "ws",
    provider: "databricks",
    name,
    state: "READY",
    metrics: { available: true, reason: null },
    model: { name: null, version: null, details: {} },
    lastScrape: { at: 1000, ok: true, status: 200, error: null, durationMs: 20 },
    headline: { requestRate: 10, errorRate: 0, p99Ms: 100, cpuPct: 30, ...NO_LLM },
    ...overrides,
  };
}

const healthy = endpoint("healthy");
const erroring = endpoint("erroring", {
  headline: { requestRate: 5, errorRate: 0.2, p99Ms: 900, cpuPct: 80, ...NO_LLM },
});
const notReady = endpoint("not-ready", { state: "NOT_READY" });
const scrapeFailed = endpoint("scrape-failed", {
  lastScrape: { at: 1000, ok: false, status: 500, error: "boom", durationMs: 20 },
});
const updating = endpoint("updating", { state: "UPDATING" });
const ppt = endpoint("databricks-llama", {
  metrics: { available: false, reason: "pay-per-token" },
  headline: { requestRate: null, errorRate: null, p99Ms: null, cpuPct: null, ...NO_LLM },
  lastScrape: null,
});
const scaledToZero = endpoint("sleepy", { provider: "huggingface", state: "scaledToZero" });
const all = [healthy, ppt, updating, scaledToZero, erroring, notReady, scrapeFailed];

describe("getHealthRank", () => {
  it("ranks errors, failed scrapes and failed states first, idle and metric-less last", () => {
    expect([erroring, scrapeFailed, notReady, updating, healthy, scaledToZero, ppt].map(getHealthRank)).toEqual([
      3, 3, 3, 2, 1, 0, 0,
    ]);
  });
});

describe("sortEndpoints", () => {
  it("puts the unhealthy first by default, worst error rate first among equals", () => {
    expect(sortEndpoints(all, "health", "desc").map((e) => e.name)).toEqual([
      "erroring",
      "not-ready",
      "scrape-failed",
      "updating",
      "healthy",
      "sleepy",
      "databricks-llama",
    ]);
  });

  it("sorts numbers either way and keeps missing values last", () => {
    const fast = endpoint("fast", {
      headline: { requestRate: 50, errorRate: 0, p99Ms: 10, cpuPct: 1, ...NO_LLM },
    });
    expect(sortEndpoints([healthy, ppt, fast], "p99", "asc").map((e) => e.name)).toEqual([
      "fast",
      "healthy",
      "databricks-llama",
    ]);
    expect(sortEndpoints([healthy, ppt, fast], "p99", "desc").map((e) => e.name)).toEqual([
      "healthy",
      "fast",
      "databricks-llama",
    ]);
  });

  it("sorts names naturally", () => {
    const names = ["ep-10", "ep-2", "Ep-1"].map((n) => endpoint(n));
    expect(sortEndpoints(names, "name", "asc").map((e) => e.name)).toEqual(["Ep-1", "ep-2", "ep-10"]);
  });
});

describe("LLM figures", () => {
  const vllm = endpoint("vllm", {
    provider: "openmetrics",
    headline: { requestRate: 2, errorRate: 0, p99Ms: 900, cpuPct: null, ttftP95Ms: 180, tokenRate: 40 },
  });
  const tgi = endpoint("tgi", { headline: { ...healthy.headline, tokenRate: 12 } });

  it("are shown once one endpoint has a TTFT or a token rate", () => {
    expect(hasLlmFigures(all)).toBe(false);
    expect(hasLlmFigures([...all, tgi])).toBe(true);
  });

  it("sort with the endpoints lacking them last", () => {
    expect(sortEndpoints([healthy, vllm, tgi], "tokens", "desc").map((e) => e.name)).toEqual([
      "vllm",
      "tgi",
      "healthy",
    ]);
    expect(sortEndpoints([healthy, tgi, vllm], "ttft", "asc").map((e) => e.name)).toEqual(["vllm", "healthy", "tgi"]);
  });
});

describe("filterEndpoints", () => {
  it("filters by provider, state and text across name, id and model", () => {
    expect(filterEndpoints(all, { provider: "huggingface", state: null, text: "" })).toEqual([scaledToZero]);
    expect(filterEndpoints(all, { provider: null, state: "NOT_READY", text: "" })).toEqual([notReady]);
    expect(filterEndpoints(all, { provider: null, state: null, text: " LLAMA " })).toEqual([ppt]);
  });
});

describe("fleet params", () => {
  it("round-trips and keeps defaults out of the URL", () => {
    expect(serializeFleetParams(DEFAULT_FLEET_PARAMS)).toBe("");
    const params = {
      sort: "p99" as const,
      direction: "asc" as const,
      provider: "databricks",
      state: "READY",
      text: "fraud",
    };
    expect(parseFleetParams(new URLSearchParams(serializeFleetParams(params)))).toEqual(params);
    expect(parseFleetParams(new URLSearchParams("sort=bogus&dir=up"))).toEqual(DEFAULT_FLEET_PARAMS);
  });
});
