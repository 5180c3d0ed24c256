import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { SeriesResponse } from "@/lib/api/schemas";
import { createPrometheusBackend } from "@/lib/backends/prometheus/backend";
import { findEngineBinary, startEngine, type EngineProcess } from "@/test-support/prometheus/engine-process";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createPrometheusDiscoveryProvider } from "@/lib/providers/prometheus-discovery/provider";
import { findSelfHostedServer } from "@/lib/simulation";
import { startServerHarness } from "@/test-support/server-harness";
import { waitForAsync } from "@/test-support/wait-for";

/**
 * A real Prometheus scraping the simulated two-replica vLLM with a plain job of its own (no Servescope
 * labels): discovery finds the job and its replicas, and the panels read the job's series.
 */
const STEP_MS = 30_000;
const binary = findEngineBinary("prometheus");
let fakes: FakeUpstreams;
let engine: EngineProcess;
let workDir: string;
let vllm: DiscoveredEndpoint;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  workDir = mkdtempSync(join(tmpdir(), "servescope-discovery-"));
  const target = fakes.openmetrics.targets.find((t) => t.name === "vllm-chat")!;
  writeFileSync(join(workDir, "token"), fakes.openmetrics.token, { mode: 0o600 });
  const config = {
    global: { scrape_interval: "1s", scrape_timeout: "1s" },
    scrape_configs: [
      {
        job_name: "vllm-chat",
        authorization: { type: "Bearer", credentials_file: join(workDir, "token") },
        static_configs: [{ targets: target.replicas.map((r) => new URL(r.url).host) }],
      },
    ],
  };
  writeFileSync(join(workDir, "prometheus.yml"), stringify(config));
  mkdirSync(join(workDir, "data"));
  engine = await startEngine("prometheus", binary!, join(workDir, "prometheus.yml"), join(workDir, "data"));
  const provider = createPrometheusDiscoveryProvider(engine.url);
  // Both replicas scraped, and a whole window of their series for rates.
  await waitForAsync(async () => (await provider.discover())[0]?.model.details.instances?.includes(",") ?? false);
  await new Promise((resolve) => setTimeout(resolve, STEP_MS + 5000));
  vllm = (await provider.discover())[0]!;
}, 90_000);

afterAll(async () => {
  await engine?.stop();
  await fakes?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const lastValue = (answer: SeriesResponse, name: string) =>
  answer.series.find((s) => s.name === name)?.points.findLast(([, v]) => v !== null)?.[1] ?? null;

describe.skipIf(binary === null)("Prometheus discovery against a real Prometheus", () => {
  it("lists the job as one self-hosted endpoint, its replicas by instance, nothing to scrape", async () => {
    const hosts = fakes.openmetrics.targets
      .find((t) => t.name === "vllm-chat")!
      .replicas.map((r) => new URL(r.url).host)
      .sort();
    const endpoints = await createPrometheusDiscoveryProvider(engine.url).discover();
    expect(endpoints).toEqual([
      expect.objectContaining({
        id: "prometheus.vllm-chat",
        provider: "openmetrics",
        name: "vllm-chat",
        scrape: null,
        prometheusJob: { job: "vllm-chat", replicaLabel: "instance" },
        model: expect.objectContaining({ details: { job: "vllm-chat", instances: hosts.join(", ") } }),
      }),
    ]);
  });

  it("is what a server started with SERVESCOPE_PROMETHEUS_DISCOVERY=1 lists beside its configured sources", async () => {
    const harness = await startServerHarness({
      PROMETHEUS_URL: engine.url,
      SERVESCOPE_PROMETHEUS_DISCOVERY: "1",
      SERVESCOPE_DISCOVERY_INTERVAL_S: "1",
    });
    try {
      await waitForAsync(async () => harness.runtime.endpoint("prometheus.vllm-chat") !== null);
      const found = harness.runtime.endpoint("prometheus.vllm-chat")!;
      expect(found.prometheusJob).toEqual({ job: "vllm-chat", replicaLabel: "instance" });
      expect(harness.runtime.endpoints().some((e) => e.provider === "huggingface")).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it("answers the LLM panels from the job's series, per replica by instance", async () => {
    const backend = createPrometheusBackend({ url: engine.url });
    const toMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
    const query = { fromMs: toMs - STEP_MS, toMs, stepMs: STEP_MS };
    const tokens = await backend.queryPanel(vllm, { panel: "tokens", ...query });
    // Every successful request counts the server's mean prompt and generated tokens: their rates keep that ratio.
    const server = findSelfHostedServer("vllm-chat")!;
    const ratio = lastValue(tokens, "generation")! / lastValue(tokens, "prompt")!;
    expect(ratio).toBeCloseTo(server.generationTokensMean / server.promptTokensMean, 2);

    const kv = await backend.queryPanel(vllm, { panel: "kv_cache", by: "replica", ...query });
    expect(kv.series.map((s) => s.name)).toEqual(vllm.model.details.instances!.split(", "));
    for (const series of kv.series) expect(lastValue(kv, series.name)).toBeGreaterThanOrEqual(0);

    const ttft = await backend.queryPanel(vllm, { panel: "ttft", ...query });
    const [p50, p99] = [lastValue(ttft, "p50")!, lastValue(ttft, "p99")!];
    expect(p50).toBeGreaterThan(0);
    expect(p99).toBeGreaterThanOrEqual(p50);

    const requests = await backend.queryPanel(vllm, { panel: "requests", ...query });
    expect(requests.series.map((s) => s.name)).toContain("2xx");
    // The job has no GPU exporter: GPU is not reported, in the words the store would use.
    const gpu = await backend.queryPanel(vllm, { panel: "gpu", ...query });
    expect(gpu.notReported).toBe("not reported by this server");
  });
});
