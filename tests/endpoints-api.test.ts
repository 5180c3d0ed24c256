import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getEndpoint } from "@/app/api/endpoints/[id]/route";
import { GET as getSeries } from "@/app/api/endpoints/[id]/series/route";
import { GET as getSnapshot } from "@/app/api/endpoints/[id]/snapshot/route";
import { GET as listEndpoints } from "@/app/api/endpoints/route";
import { GET as getHealth } from "@/app/api/health/route";
import {
  ApiErrorSchema,
  EndpointDetailSchema,
  EndpointListSchema,
  HeadlineSchema,
  HealthDetailSchema,
  PanelSchema,
  SeriesResponseSchema,
  SnapshotSchema,
} from "@/lib/api/schemas";
import { startServerHarness } from "@/test-support/server-harness";
import { waitFor } from "@/test-support/wait-for";

let harness: Awaited<ReturnType<typeof startServerHarness>>;
const bodies: string[] = [];

async function call(handler: () => Promise<Response>) {
  const response = await handler();
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, json: JSON.parse(text) as unknown };
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const request = (path: string) => new Request(`http://127.0.0.1${path}`);

/** Everything the server logs, as the terminal running `npm start` would show it. */
const logged: string[] = [];

beforeAll(async () => {
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
  harness = await startServerHarness();
  // Wait until every eligible endpoint has been scraped at least twice (rates need two scrapes).
  await waitFor(() => {
    const ids = harness.runtime
      .endpoints()
      .filter((e) => e.metrics.available)
      .map((e) => e.id);
    return (
      ids.length > 0 &&
      ids.every((id) => harness.runtime.store.lastScrape(id) !== null) &&
      harness.runtime.collector.state().scrapes >= ids.length * 2
    );
  });
  harness.runtime.collector.flush();
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await harness?.close();
});

describe("GET /api/endpoints", () => {
  it("lists every endpoint of both platforms with availability and reasons", async () => {
    const { status, json } = await call(() => listEndpoints());
    expect(status).toBe(200);
    const { endpoints } = EndpointListSchema.parse(json);
    expect(endpoints.length).toBeGreaterThanOrEqual(8);
    expect(new Set(endpoints.map((e) => e.provider))).toEqual(new Set(["databricks", "huggingface"]));
    const byName = new Map(endpoints.map((e) => [`${e.provider}/${e.name}`, e]));
    expect(byName.get("databricks/databricks-meta-llama-3-3-70b-instruct")?.metrics).toEqual({
      available: false,
      reason: expect.stringContaining("pay-per-token Foundation Model API"),
    });
    expect(byName.get("databricks/churn-model")?.metrics.available).toBe(false);
    expect(byName.get("databricks/churn-model")?.metrics.reason).toMatch(/not ready|updating/);
    expect(byName.get("huggingface/whisper-batch")?.metrics).toMatchObject({ available: false });
    expect(byName.get("huggingface/bge-embed")?.state).toBe("paused");
    const fraud = byName.get("databricks/fraud-scorer")!;
    expect(fraud.metrics).toEqual({ available: true, reason: null });
    expect(fraud.lastScrape?.ok).toBe(true);
    expect(fraud.headline.requestRate).toBeGreaterThan(0);
    expect(fraud.headline.cpuPct).toBeGreaterThan(0);
    expect(fraud.sparkline?.values.some((v) => v !== null && v > 0)).toBe(true);
    // Without metrics, figures are null ("not reported"), never zero.
    expect(byName.get("huggingface/bge-embed")?.headline).toEqual(
      Object.fromEntries(Object.keys(HeadlineSchema.shape).map((key) => [key, null])),
    );
  });

  it("never asked an ineligible endpoint for metrics", () => {
    const ineligible = harness.runtime.endpoints().filter((e) => !e.metrics.available);
    expect(ineligible.length).toBeGreaterThanOrEqual(4);
    const metricPaths = harness.fakes.received.map((r) => r.path).filter((p) => /\/(metrics|open-metrics)$/.test(p));
    expect(metricPaths.length).toBeGreaterThan(0);
    for (const endpoint of ineligible) {
      expect(metricPaths.filter((p) => p.includes(`/${endpoint.name}/`))).toEqual([]);
    }
  });
});

describe("GET /api/endpoints/{id}", () => {
  it("adds replicas and scaling bounds", async () => {
    const hf = harness.runtime.endpoints().find((e) => e.provider === "huggingface" && e.metrics.available)!;
    const { status, json } = await call(() => getEndpoint(request(`/api/endpoints/${hf.id}`), params(hf.id)));
    expect(status).toBe(200);
    const detail = EndpointDetailSchema.parse(json);
    expect(detail.replicas.length).toBeGreaterThan(0);
    expect(detail.replicas.some((r) => r.state === "running")).toBe(true);
    expect(detail.scaling.maxReplicas).toBeGreaterThanOrEqual(1);
    // No token metrics: the LLM view is not offered.
    expect(detail.views).toEqual(["requests", "hardware", "timeline"]);
  });

  it("answers 404 with a JSON error for an unknown id", async () => {
    const { status, json } = await call(() => getEndpoint(request("/api/endpoints/nope"), params("nope")));
    expect(status).toBe(404);
    expect(ApiErrorSchema.parse(json).error).toEqual({
      code: "unknown_endpoint",
      message: 'no endpoint with id "nope"',
    });
  });
});

describe("GET /api/endpoints/{id}/series", () => {
  it.each(PanelSchema.options)("answers panel %s for both platforms", async (panel) => {
    for (const provider of ["databricks", "huggingface"] as const) {
      const endpoint = harness.runtime.endpoints().find((e) => e.provider === provider && e.metrics.available)!;
      const { status, json } = await call(() =>
        getSeries(request(`/api/endpoints/${endpoint.id}/series?panel=${panel}`), params(endpoint.id)),
      );
      expect(status).toBe(200);
      const body = SeriesResponseSchema.parse(json);
      expect(body.panel).toBe(panel);
      expect((body.to - body.from) / body.stepMs + 1).toBeLessThanOrEqual(1000);
      if (body.notReported) expect(body.series).toEqual([]);
      else expect(body.series.length).toBeGreaterThan(0);
    }
  });

  it("answers 400 with a precise message for a bad parameter", async () => {
    const id = harness.runtime.endpoints()[0]!.id;
    const { status, json } = await call(() =>
      getSeries(request(`/api/endpoints/${id}/series?panel=cpu&from=x`), params(id)),
    );
    expect(status).toBe(400);
    expect(ApiErrorSchema.parse(json).error.message).toBe(
      'parameter "from": must be a whole number of milliseconds, in decimal digits',
    );
  });
});

describe("GET /api/endpoints/{id}/snapshot", () => {
  it("returns the live scrape, parsed, for an endpoint with metrics", async () => {
    const hf = harness.runtime.endpoints().find((e) => e.provider === "huggingface" && e.metrics.available)!;
    const { status, json } = await call(() => getSnapshot(request(`/api/endpoints/${hf.id}/snapshot`), params(hf.id)));
    expect(status).toBe(200);
    const snapshot = SnapshotSchema.parse(json);
    expect(snapshot.format).toBe("openmetrics");
    expect(snapshot.families.map((f) => f.name)).toContain("latency_distribution");
    expect(snapshot.normalized.some((s) => s.metric === "requests_total")).toBe(true);
  });

  it("refuses, without calling upstream, for a pay-per-token endpoint", async () => {
    const fm = harness.runtime.endpoints().find((e) => e.name === "databricks-meta-llama-3-3-70b-instruct")!;
    const before = harness.fakes.received.length;
    const { status, json } = await call(() => getSnapshot(request(`/api/endpoints/${fm.id}/snapshot`), params(fm.id)));
    expect(status).toBe(409);
    expect(ApiErrorSchema.parse(json).error.message).toContain("pay-per-token");
    expect(harness.fakes.received.slice(before).filter((r) => r.path.includes(fm.name))).toEqual([]);
  });
});

describe("GET /api/health", () => {
  it("reports the collector's sources and scrapes", async () => {
    const { json } = await call(() => getHealth(new NextRequest("http://127.0.0.1/api/health")));
    const health = HealthDetailSchema.parse(json);
    expect(health).toMatchObject({ status: "ok", reasons: [] });
    expect(health.mode).toBe("embedded");
    expect(health.collector.sources.map((s) => [s.id, s.lastDiscovery?.ok])).toEqual([
      ["databricks", true],
      ["huggingface", true],
    ]);
    expect(health.collector.scrapes).toBeGreaterThan(0);
  });
});

describe("security", () => {
  it("never puts an upstream token in any answer", () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const token of harness.tokens) for (const body of bodies) expect(body).not.toContain(token);
  });

  it("never puts an upstream token in the server log, even when the upstream rejects it", async () => {
    harness.fakes.setFault("databricks", { kind: "status", status: 401 });
    try {
      await harness.runtime.collector.discoverNow();
    } finally {
      harness.fakes.setFault("databricks", null);
    }
    expect(logged.some((line) => line.includes("discovery of source databricks failed"))).toBe(true);
    for (const token of harness.tokens) for (const line of logged) expect(line).not.toContain(token);
  });
});
