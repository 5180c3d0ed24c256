import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabricksSource } from "@/lib/config/schema";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createProvider } from "../create";
import { findByName, TEST_HTTP_OPTIONS } from "@/test-support/providers";
import type { ScrapeResult, SourceProvider } from "../types";
import { createDatabricksClient } from "./client";
import { DELETED_REASON, PAY_PER_TOKEN_NO_WAREHOUSE_REASON, PAY_PER_TOKEN_REASON } from "./eligibility";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
const MINUTE_END = Date.UTC(2026, 10, 23, 12, 20);

let fakes: FakeUpstreams;
let source: DatabricksSource;
let provider: SourceProvider;
let endpoints: DiscoveredEndpoint[];

beforeAll(async () => {
  fakes = await startFakeUpstreams({ now: NOW });
  source = {
    kind: "databricks",
    id: "dbx",
    host: fakes.databricks.url,
    token: fakes.databricks.token,
    scrapeIntervalS: 60,
  };
  provider = createProvider(source, { http: TEST_HTTP_OPTIONS });
  endpoints = await provider.discover();
});
afterAll(() => fakes.close());

const byName = (name: string) => findByName(endpoints, name);
const metricsCalls = (name: string) =>
  fakes.received.filter((request) => request.path === `/api/2.0/serving-endpoints/${name}/metrics`).length;
const host = () => new URL(fakes.databricks.url).host;

function expectNoToken(result: ScrapeResult | Error) {
  const message = result instanceof Error ? result.message : (result.error ?? "");
  expect(message).not.toContain(fakes.databricks.token);
}

describe("Databricks discovery", () => {
  it.each([
    ["fraud-scorer", "READY", null],
    ["llama-pt", "READY", null],
    ["recsys-features", "READY", null],
    ["openai-proxy", "READY", null],
    ["databricks-meta-llama-3-3-70b-instruct", "READY", PAY_PER_TOKEN_NO_WAREHOUSE_REASON],
    ["databricks-bge-large-en", "READY", PAY_PER_TOKEN_NO_WAREHOUSE_REASON],
    ["churn-model", "NOT_READY", "not ready (state NOT_READY)"],
    ["search-embeddings", "READY", "updating (config_update IN_PROGRESS)"],
  ])("%s: state %s, reason %s", (name, state, reason) => {
    const endpoint = byName(name);
    expect(endpoint.id).toBe(`dbx.${name}`);
    expect(endpoint.state).toBe(state);
    expect(endpoint.metrics).toEqual({ available: reason === null, reason });
    expect(endpoint.scrape).toEqual(
      reason === null
        ? { url: `${fakes.databricks.url}/api/2.0/serving-endpoints/${name}/metrics`, intervalS: 60 }
        : null,
    );
  });

  it("fills model and scaling from the detailed view", () => {
    const endpoint = byName("fraud-scorer");
    expect(endpoint.model).toEqual({
      name: "prod.risk.fraud_scorer",
      version: "3",
      details: { config_update: "NOT_UPDATING", workload_size: "Medium", workload_type: "GPU_SMALL" },
    });
    expect(endpoint.scaling).toMatchObject({
      minProvisionedConcurrency: 8,
      maxProvisionedConcurrency: 16,
      scaleToZero: false,
    });
    expect(byName("openai-proxy").model.details).toMatchObject({
      endpoint_type: "EXTERNAL_MODEL",
      external_provider: "openai",
    });
    expect(fakes.received.filter((r) => r.path === "/api/2.0/serving-endpoints/fraud-scorer").length).toBeGreaterThan(
      0,
    );
  });

  it("carries what change detection compares and where the endpoint's logs are", () => {
    expect(byName("recsys-features").revision).toEqual({
      config: { kind: "config_version", value: expect.stringMatching(/^\d+$/) },
      entities: [{ name: "prod.recsys.user_features_spec", version: expect.stringMatching(/^\d+$/) }],
    });
    expect(byName("recsys-features").telemetry).toEqual({
      logsTable: "prod.serving_telemetry.recsys_features_otel_logs",
      servedModels: ["recsys-fs"],
      payPerToken: false,
    });
    expect(byName("fraud-scorer").telemetry).toEqual({
      logsTable: null,
      servedModels: ["fraud-scorer-3"],
      payPerToken: false,
    });
    // Provisioned throughput, external and pay-per-token models run no container of ours: no service logs.
    for (const name of ["llama-pt", "openai-proxy", "databricks-bge-large-en"]) {
      expect(byName(name).telemetry?.servedModels).toEqual([]);
    }
    expect(byName("databricks-bge-large-en").telemetry?.payPerToken).toBe(true);
  });

  it("takes a configured logsTable over telemetry_config, and says usage is readable with a warehouse", async () => {
    const configured = createProvider(
      {
        ...source,
        warehouseId: fakes.sqlWarehouse.id,
        endpoints: { "fraud-scorer": { logsTable: "main.ops.fraud_otel_logs" } },
      },
      { http: TEST_HTTP_OPTIONS },
    );
    const found = await configured.discover();
    expect(findByName(found, "fraud-scorer").telemetry?.logsTable).toBe("main.ops.fraud_otel_logs");
    expect(findByName(found, "databricks-meta-llama-3-3-70b-instruct").metrics.reason).toBe(PAY_PER_TOKEN_REASON);
  });

  it("reads a served model's service logs, and refuses a name no path can hold", async () => {
    const client = createDatabricksClient(source.host, source.token, TEST_HTTP_OPTIONS);
    expect(await client.getServedModelLogs("fraud-scorer", "fraud-scorer-3")).toMatch(
      /^\[[a-z0-9-]+\] \[?2026-11-23 \d{2}:/,
    );
    await expect(client.getServedModelLogs("fraud-scorer", "nope")).rejects.toThrow(
      "HTTP 404 from " + host() + ": Served model 'nope' of endpoint 'fraud-scorer' has no service logs.",
    );
    await expect(client.getServedModelLogs("fraud-scorer", "..")).rejects.toThrow("cannot be used in a request path");
  });

  it("never calls /metrics of an ineligible endpoint after a scrape round", async () => {
    const results = await Promise.all(endpoints.map((endpoint) => provider.scrape(endpoint)));
    expect(results.filter((result) => result.ok).map((result) => result.endpointId)).toEqual([
      "dbx.fraud-scorer",
      "dbx.llama-pt",
      "dbx.recsys-features",
      "dbx.openai-proxy",
    ]);
    for (const endpoint of endpoints.filter((candidate) => !candidate.metrics.available)) {
      expect(metricsCalls(endpoint.name)).toBe(0);
    }
    expect(metricsCalls("fraud-scorer")).toBeGreaterThan(0);
  });

  it("marks an endpoint deleted between list and get as having no metrics", async () => {
    fakes.setFault("databricks:churn-model", { kind: "status", status: 404, times: 1 });
    const churn = (await provider.discover()).find((endpoint) => endpoint.name === "churn-model");
    expect(churn?.metrics).toEqual({ available: false, reason: DELETED_REASON });
    expect(churn?.scrape).toBeNull();
  });

  it("explains a rejected token without leaking it", async () => {
    const bad = createProvider({ ...source, token: "dapi-wrong-token" }, { http: TEST_HTTP_OPTIONS });
    const error = await bad.discover().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("token rejected by Databricks (HTTP 401)");
    expect((error as Error).message).not.toContain("dapi-wrong-token");
  });
});

describe("Databricks scrape", () => {
  beforeEach(() => fakes.setFault("databricks:fraud-scorer", null));

  it("normalizes every canonical series of a GPU endpoint with the minute-aligned timestamp", async () => {
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      error: null,
      noMetrics: false,
      format: "prometheus",
      parseErrors: [],
    });
    const metrics = new Set(result.samples.map((sample) => sample.metric));
    expect(metrics).toEqual(
      new Set([
        "requests_per_minute",
        "latency_bucket_ms",
        "cpu_percent",
        "memory_percent",
        "gpu_percent",
        "vram_percent",
        "provisioned_concurrency",
      ]),
    );
    expect(result.samples.filter((s) => s.metric === "requests_per_minute").map((s) => s.labels.class)).toEqual([
      "all",
      "4xx",
      "5xx",
    ]);
    expect(result.samples.filter((s) => s.metric === "gpu_percent").map((s) => s.labels.gpu)).toEqual(["gpu0", "gpu1"]);
    expect(result.samples.every((s) => s.timestampMs === MINUTE_END && s.labels.replica === "all")).toBe(true);
    expect(result.replicas).toEqual([]);
    expect(result.bytes).toBeGreaterThan(0);
  });

  it("reads VRAM from gpu_mem_usage_percentage on llama-pt", async () => {
    const result = await provider.scrape(byName("llama-pt"));
    expect(result.families.map((family) => family.name)).toContain("gpu_mem_usage_percentage");
    expect(result.samples.filter((s) => s.metric === "vram_percent")).toHaveLength(4);
  });

  it("skips an endpoint without metrics without calling upstream", async () => {
    const before = fakes.received.length;
    const result = await provider.scrape(byName("databricks-meta-llama-3-3-70b-instruct"));
    expect(result).toMatchObject({
      ok: false,
      noMetrics: true,
      error: `not scraped: ${PAY_PER_TOKEN_NO_WAREHOUSE_REASON}`,
    });
    expect(fakes.received.length).toBe(before);
  });

  it.each([
    [{ kind: "status", status: 401 }, 401, "token rejected by Databricks (HTTP 401)", false],
    [{ kind: "status", status: 403 }, 403, "no permission to this endpoint (HTTP 403)", false],
    [{ kind: "status", status: 404 }, 404, "no metrics for this endpoint", true],
  ] as const)("fault %j → HTTP %i, %s", async (fault, status, message, noMetrics) => {
    fakes.setFault("databricks:fraud-scorer", fault);
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result).toMatchObject({ ok: false, status, error: message, noMetrics, samples: [] });
    expectNoToken(result);
  });

  it("reports a slow upstream as a timeout", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "slow", delayMs: 2_500 });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result).toMatchObject({ ok: false, status: null, error: `request to ${host()} timed out after 1 s` });
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("retries a 500 and succeeds", async () => {
    const before = metricsCalls("fraud-scorer");
    fakes.setFault("databricks:fraud-scorer", { kind: "status", status: 500, times: 2 });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result.ok).toBe(true);
    expect(metricsCalls("fraud-scorer") - before).toBe(3);
  });

  it("gives up on a persistent 500 with Databricks' message", async () => {
    const before = metricsCalls("fraud-scorer");
    fakes.setFault("databricks:fraud-scorer", { kind: "status", status: 500 });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result).toMatchObject({
      ok: false,
      status: 500,
      error: `HTTP 500 from ${host()}: Internal error. Please try again later.`,
    });
    expect(metricsCalls("fraud-scorer") - before).toBe(3);
    expectNoToken(result);
  });

  it("honours Retry-After on 429, then succeeds", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "rate-limit", retryAfter: "1", times: 1 });
    const started = Date.now();
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("fails at once on a Retry-After beyond the bound, saying when to retry", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "rate-limit", retryAfter: "3600" });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result.status).toBe(429);
    expect(result.error).toMatch(
      new RegExp(
        `^HTTP 429 from ${host()}: Too many requests\\. Please retry later\\.; retry after \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(in 3600 s\\)$`,
      ),
    );
  });

  it("reports a truncated body", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "truncated" });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result).toMatchObject({
      ok: false,
      status: 200,
      error: `connection to ${host()} closed before the response was complete`,
    });
  });

  it("reports garbage as parse errors", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "garbage" });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result.ok).toBe(false);
    expect(result.status).toBe(200);
    expect(result.parseErrors.length).toBeGreaterThan(0);
    expect(result.error).toMatch(
      new RegExp(`^could not parse the metrics from ${host()} \\(\\d+ bad lines?\\): line 1:`),
    );
  });

  it("refuses an oversize body", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "oversize", bytes: 3 * 1024 * 1024 });
    const result = await provider.scrape(byName("fraud-scorer"));
    expect(result).toMatchObject({ ok: false, status: 200, error: `response from ${host()} larger than 1 MB` });
  });
});
