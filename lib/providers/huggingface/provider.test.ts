import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HuggingFaceSource } from "@/lib/config/schema";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { getHuggingFaceStatus } from "@/lib/simulation";
import { createProvider } from "../create";
import { findByName, TEST_HTTP_OPTIONS } from "@/test-support/providers";
import type { SourceProvider } from "../types";

// 20 minutes into the 30-minute wake cycle: llama-chat is scaled to zero; at 12:05 it is awake.
const ASLEEP = Date.UTC(2026, 10, 23, 12, 20, 0);
const AWAKE = Date.UTC(2026, 10, 23, 12, 5, 0);

let fakes: FakeUpstreams;
let clock = ASLEEP;
let source: HuggingFaceSource;
let provider: SourceProvider;
let endpoints: DiscoveredEndpoint[];

beforeAll(async () => {
  fakes = await startFakeUpstreams({ now: () => clock });
  source = {
    kind: "huggingface",
    id: "hf",
    namespace: fakes.huggingface.namespace,
    token: fakes.huggingface.token,
    apiBase: fakes.huggingface.url,
    scrapeIntervalS: 15,
  };
  provider = createProvider(source, { http: TEST_HTTP_OPTIONS });
  endpoints = await provider.discover();
});
afterAll(() => fakes.close());

const byName = (name: string) => findByName(endpoints, name);
const metricsPath = (name: string) => `/v2/endpoint/${fakes.huggingface.namespace}/${name}/open-metrics`;

describe("Hugging Face discovery", () => {
  it.each([
    ["sentiment-prod", "running", null],
    ["codegen", "running", null],
    ["llama-chat", "scaledToZero", "scaled to zero: no running replica to report"],
    ["whisper-batch", "failed", "failed: Endpoint failed to deploy"],
    ["bge-embed", "paused", "paused"],
    ["reranker", "pending", "pending: no replica deployed yet"],
    ["summarizer", "updateFailed", "update failed: Update failed: image pull error"],
  ])("%s: state %s, reason %s", (name, state, reason) => {
    const endpoint = byName(name);
    expect(endpoint).toMatchObject({
      id: `hf.${name}`,
      provider: "huggingface",
      state,
      metrics: { available: reason === null, reason },
    });
    expect(endpoint.scrape).toEqual(
      reason === null ? { url: `${fakes.huggingface.url}${metricsPath(name)}`, intervalS: 15 } : null,
    );
  });

  it("reads scaling and model", () => {
    const ready = getHuggingFaceStatus("sentiment-prod", ASLEEP)?.readyReplica;
    expect(byName("sentiment-prod").scaling).toMatchObject({
      minReplicas: 2,
      maxReplicas: 6,
      readyReplicas: ready,
      targetReplicas: ready,
      scaleToZero: false,
    });
    expect(byName("llama-chat").scaling).toMatchObject({
      minReplicas: 0,
      maxReplicas: 1,
      readyReplicas: 0,
      scaleToZero: true,
    });
    expect(byName("sentiment-prod").model).toMatchObject({
      name: "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
      version: "714eb0fa89d2f80546fda750413ed43d93601a13",
      details: { task: "text-classification", instance: "nvidia-l4 x1" },
    });
  });

  it("scrapes every eligible endpoint and never asks an ineligible one", async () => {
    const results = await Promise.all(endpoints.map((endpoint) => provider.scrape(endpoint)));
    expect(results.filter((result) => result.ok).map((result) => result.endpointId)).toEqual([
      "hf.sentiment-prod",
      "hf.codegen",
    ]);
    for (const endpoint of endpoints.filter((candidate) => !candidate.metrics.available)) {
      expect(fakes.received.filter((request) => request.path === metricsPath(endpoint.name))).toEqual([]);
    }
  });

  it("explains a rejected token", async () => {
    const bad = createProvider({ ...source, token: "hf_wrong" }, { http: TEST_HTTP_OPTIONS });
    await expect(bad.discover()).rejects.toThrow(/^token rejected by Hugging Face \(HTTP 401\)$/);
  });
});

describe("Hugging Face scrape", () => {
  it("normalizes every per-replica series and lists the replicas", async () => {
    const result = await provider.scrape(byName("sentiment-prod"));
    expect(result).toMatchObject({ ok: true, status: 200, format: "openmetrics", parseErrors: [], error: null });
    const replicas = getHuggingFaceStatus("sentiment-prod", ASLEEP)
      ?.replicas.map((replica) => replica.id)
      .sort();
    expect(result.replicas.map((replica) => replica.id)).toEqual(replicas);
    expect(replicas?.length).toBeGreaterThanOrEqual(2);
    for (const metric of [
      "requests_total",
      "cpu_percent",
      "memory_percent",
      "gpu_percent",
      "vram_percent",
      "pending_requests",
    ]) {
      const seen = new Set(result.samples.filter((s) => s.metric === metric).map((s) => s.labels.replica));
      expect([metric, [...seen].sort()]).toEqual([metric, replicas]);
    }
    const quantiles = result.samples.filter((s) => s.metric === "latency_quantile_ms");
    expect(quantiles.map((s) => s.labels.quantile)).toEqual(["0.5", "0.9", "0.95", "0.99"]);
    expect(quantiles[0]!.value).toBeGreaterThan(1);
    expect(result.samples.every((s) => s.timestampMs === result.at)).toBe(true);
  });

  it("scrapes a scale-to-zero endpoint while awake, cold-start 503s included", async () => {
    clock = AWAKE;
    try {
      const [awake] = (await provider.discover()).filter((endpoint) => endpoint.name === "llama-chat");
      expect(awake).toMatchObject({ state: "running", metrics: { available: true } });
      const result = await provider.scrape(awake!);
      expect(result.ok).toBe(true);
      expect(result.samples.some((s) => s.metric === "requests_total" && s.labels.code === "503" && s.value > 0)).toBe(
        true,
      );
    } finally {
      clock = ASLEEP;
    }
  });

  it.each([
    [{ kind: "status", status: 401 }, 401, "token rejected by Hugging Face (HTTP 401)", false],
    [{ kind: "status", status: 403 }, 403, "no permission to this endpoint (HTTP 403)", false],
    [{ kind: "status", status: 404 }, 404, "no metrics for this endpoint", true],
  ] as const)("fault %j → HTTP %i, %s", async (fault, status, message, noMetrics) => {
    fakes.setFault("huggingface:codegen", fault);
    const result = await provider.scrape(byName("codegen"));
    fakes.setFault("huggingface:codegen", null);
    expect(result).toMatchObject({ ok: false, status, error: message, noMetrics });
    expect(result.error).not.toContain(fakes.huggingface.token);
  });

  it("retries a 503 (cold start) and succeeds", async () => {
    fakes.setFault("huggingface:codegen", { kind: "status", status: 503, times: 1 });
    const result = await provider.scrape(byName("codegen"));
    expect(result.ok).toBe(true);
  });

  it("passes on Hugging Face's error message after retries", async () => {
    fakes.setFault("huggingface:codegen", { kind: "status", status: 500 });
    const result = await provider.scrape(byName("codegen"));
    fakes.setFault("huggingface:codegen", null);
    expect(result.error).toBe(
      `HTTP 500 from ${new URL(fakes.huggingface.url).host}: Internal error. Please try again later.`,
    );
  });
});
