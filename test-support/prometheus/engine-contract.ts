import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERIES_LIMITS, type Panel, type SeriesResponse } from "@/lib/api/schemas";
import type { SourceConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { resolvePanelQuery } from "@/lib/query/resolve-query";
import type { PanelQuery, SeriesBackend } from "@/lib/query/types";
import { renderPrometheusConfig } from "@/lib/integrations/prometheus-config";
import { createPrometheusBackend } from "@/lib/backends/prometheus/backend";
import { createPrometheusClient } from "@/lib/backends/prometheus/client";
import { PrometheusError } from "@/lib/backends/prometheus/prometheus-error";
import { findEngineBinary, startEngine, type EngineKind, type EngineProcess } from "./engine-process";
import { HF_REPLICA_A, HF_REPLICA_B, PATHS, startFakeExporter, TOKENS, type FakeExporter } from "./fake-exporter";
import { makeEndpoint } from "@/test-support/endpoints";

const STEP_MS = 2000;

function endpoint(id: string, provider: "databricks" | "huggingface", url: string, maxReplicas: number | null) {
  return makeEndpoint(id, provider, {
    state: provider === "databricks" ? "READY" : "running",
    scaling: { maxReplicas },
    scrape: { url, intervalS: 1 },
  });
}

/** Hand-computed histogram_quantile over the fixture's buckets (1260 requests): linear within a bucket. */
function bucketQuantile(rank: number, lower: number, upper: number, below: number, atUpper: number): number {
  return lower + ((upper - lower) * (rank - below)) / (atUpper - below);
}

function expectSeries(response: SeriesResponse, expected: Record<string, number>, unit: string): void {
  expect(response.unit).toBe(unit);
  expect(response.notReported).toBeUndefined();
  expect(response.series.map((s) => s.name)).toEqual(Object.keys(expected));
  for (const series of response.series) {
    const want = expected[series.name] ?? Number.NaN;
    expect(series.points.length).toBe(3);
    for (const [, value] of series.points) {
      expect(value, `${series.name}`).not.toBeNull();
      expect(Math.abs((value ?? Number.NaN) - want), `${series.name}: ${value} vs ${want}`).toBeLessThanOrEqual(
        0.01 * Math.abs(want) + 1e-9,
      );
    }
  }
}

/**
 * The backend against a real engine scraping a fake exporter through the generated prometheus.yml
 * (labels, token files, 1 s interval), every panel compared with values worked out by hand.
 */
export function describeEngineContract(kind: EngineKind): void {
  const binary = findEngineBinary(kind);
  const title = binary ? `${kind} backend (${binary})` : `${kind} backend — SKIPPED: no ${kind} binary installed`;

  describe.skipIf(binary === null)(title, () => {
    let dir = "";
    let exporter: FakeExporter;
    let engine: EngineProcess;
    let backend: SeriesBackend;
    let grid: Pick<PanelQuery, "fromMs" | "toMs" | "stepMs">;
    let dbx: DiscoveredEndpoint;
    let idle: DiscoveredEndpoint;
    let hf: DiscoveredEndpoint;

    const panel = (target: DiscoveredEndpoint, name: Panel, extra: Partial<PanelQuery> = {}) =>
      backend.queryPanel(target, { panel: name, ...grid, ...extra });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `servescope-${kind}-`));
      exporter = await startFakeExporter();
      const base = `http://127.0.0.1:${exporter.port}`;
      dbx = endpoint("dbx.fraud-scorer", "databricks", `${base}${PATHS.dbx}`, null);
      idle = endpoint("dbx.idle-scorer", "databricks", `${base}${PATHS.dbxIdle}`, null);
      hf = endpoint("hf.llama", "huggingface", `${base}${PATHS.hf}`, 4);
      const sources: SourceConfig[] = [
        { kind: "databricks", id: "dbx", host: base, token: TOKENS.dbx, scrapeIntervalS: 60 },
        { kind: "huggingface", id: "hf", namespace: "acme", token: TOKENS.hf, apiBase: base, scrapeIntervalS: 15 },
      ];
      mkdirSync(join(dir, "secrets"), { mode: 0o700 });
      writeFileSync(join(dir, "secrets", "dbx.token"), `${TOKENS.dbx}\n`, { mode: 0o600 });
      writeFileSync(join(dir, "secrets", "hf.token"), `${TOKENS.hf}\n`, { mode: 0o600 });
      const configPath = join(dir, "prometheus.yml");
      const config = renderPrometheusConfig([dbx, idle, hf], sources, {
        secretsDir: join(dir, "secrets"),
        scrapeIntervalOverrideS: 1,
      });
      writeFileSync(configPath, config);
      engine = await startEngine(kind, binary ?? "", configPath, join(dir, "data"));
      backend = createPrometheusBackend({ url: engine.url, timeoutMs: 5000 });

      // Wait for the first samples of both platforms, then for enough history to cover the rate window.
      const client = createPrometheusClient({ url: engine.url });
      const probe =
        'count(http_requests{endpoint="hf.llama"}) + count(cpu_usage_percentage{endpoint="dbx.fraud-scorer"})';
      let firstMs = 0;
      while (firstMs === 0) {
        const { result } = await client.query(probe, Date.now() - engine.latencyMs);
        if (result[0]?.value[1] === "5") firstMs = Date.now();
        else await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const fromMs = Math.ceil((firstMs + 6000) / STEP_MS) * STEP_MS;
      grid = { fromMs, toMs: fromMs + 2 * STEP_MS, stepMs: STEP_MS };
      const readyAt = grid.toMs + engine.latencyMs + 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, readyAt - Date.now())));
    }, 60_000);

    afterAll(async () => {
      await engine?.stop();
      await exporter?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("scrapes every target with its token from the credentials file", () => {
      for (const path of Object.values(PATHS)) expect(exporter.hits.get(path) ?? 0).toBeGreaterThan(3);
    });

    it("requests: Hugging Face counters become rates, by class, by code and for one replica", async () => {
      expectSeries(await panel(hf, "requests"), { "2xx": 10, "4xx": 1, "5xx": 0.5 }, "req/s");
      expectSeries(await panel(hf, "requests", { by: "code" }), { "200": 10, "404": 1, "503": 0.5 }, "req/s");
      expectSeries(await panel(hf, "requests", { replica: HF_REPLICA_A }), { "2xx": 8, "5xx": 0.5 }, "req/s");
    });

    it("requests: a last window still open reads the rate so far, not its share of the whole window", async () => {
      // 0.2–0.8 s into a 2 s step, the last window ends 1.2–1.8 s ahead: a rate evaluated at its end
      // covers at most 2.8 s of its 4 s (about 8 req/s of the 10).
      while (Date.now() % STEP_MS < 200 || Date.now() % STEP_MS > 800)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const toMs = Math.ceil(Date.now() / STEP_MS) * STEP_MS;
      const response = await panel(hf, "requests", { fromMs: toMs - 2 * STEP_MS, toMs });
      expectSeries(response, { "2xx": 10, "4xx": 1, "5xx": 0.5 }, "req/s");
    });

    it("requests: Databricks per-minute gauges become req/s, 2xx = total − 4xx − 5xx", async () => {
      expectSeries(
        await panel(dbx, "requests"),
        { "2xx": (1260 - 12 - 3) / 60, "4xx": 12 / 60, "5xx": 3 / 60 },
        "req/s",
      );
    });

    it("latency: Databricks histogram quantiles and Hugging Face summary seconds, in ms", async () => {
      expectSeries(
        await panel(dbx, "latency"),
        {
          p50: bucketQuantile(630, 25, 50, 310, 980),
          p90: bucketQuantile(1134, 50, 100, 980, 1201),
          p95: bucketQuantile(1197, 50, 100, 980, 1201),
          p99: bucketQuantile(1247.4, 100, 250, 1201, 1248),
        },
        "ms",
      );
      expectSeries(await panel(hf, "latency"), { p50: 6.339203, p90: 7.574241, p95: 7.994495, p99: 20.140918 }, "ms");
    });

    it("latency: an idle Databricks minute (all-zero buckets) is a gap, never 0", async () => {
      const response = await panel(idle, "latency");
      const values = response.series.flatMap((s) => s.points.map(([, value]) => value));
      // Prometheus answers NaN (a null here); VictoriaMetrics drops NaN series: both end as gaps.
      expect(response.series.map((s) => s.name)).toEqual(["p50", "p90", "p95", "p99"]);
      expect(values.every((value) => value === null)).toBe(true);
      expectSeries(await panel(idle, "requests"), { "2xx": 0, "4xx": 0, "5xx": 0 }, "req/s");
    });

    it("pending and replicas: summed or per replica for Hugging Face, not reported by Databricks", async () => {
      expectSeries(await panel(hf, "pending"), { pending: 2 }, "requests");
      expectSeries(await panel(hf, "pending", { by: "replica" }), { [HF_REPLICA_A]: 2, [HF_REPLICA_B]: 0 }, "requests");
      expectSeries(await panel(hf, "replicas"), { running: 2, max: 4 }, "replicas");
      expectSeries(await panel(hf, "replicas", { replica: HF_REPLICA_B }), { running: 1, max: 4 }, "replicas");
      for (const name of ["pending", "replicas"] as const) {
        const response = await panel(dbx, name);
        expect(response).toMatchObject({ series: [], notReported: "not reported by Databricks" });
      }
    });

    it("cpu, memory, gpu, vram: average and per replica (per GPU on Databricks)", async () => {
      expectSeries(await panel(hf, "cpu"), { avg: (37.5 + 4.25) / 2 }, "%");
      expectSeries(await panel(hf, "cpu", { by: "replica" }), { [HF_REPLICA_A]: 37.5, [HF_REPLICA_B]: 4.25 }, "%");
      expectSeries(await panel(hf, "cpu", { replica: HF_REPLICA_A }), { avg: 37.5 }, "%");
      // The latency summary carries no replica_id: it stays when one replica is picked.
      expectSeries(
        await panel(hf, "latency", { replica: HF_REPLICA_A }),
        { p50: 6.339203, p90: 7.574241, p95: 7.994495, p99: 20.140918 },
        "ms",
      );
      expectSeries(await panel(hf, "memory"), { avg: (61 + 22.5) / 2 }, "%");
      expectSeries(await panel(hf, "gpu"), { avg: (88 + 3) / 2 }, "%");
      expectSeries(
        await panel(hf, "vram", { by: "replica" }),
        { [`${HF_REPLICA_A}/0`]: 74.2, [`${HF_REPLICA_B}/0`]: 71.9 },
        "%",
      );
      expectSeries(await panel(hf, "vram"), { avg: (74.2 + 71.9) / 2 }, "%");
      expectSeries(await panel(dbx, "cpu"), { avg: 2.344062231666667 }, "%");
      expectSeries(await panel(dbx, "memory", { by: "replica" }), { all: 6.823611259460449 }, "%");
      expectSeries(await panel(dbx, "gpu", { by: "replica" }), { gpu0: 45.2, gpu1: 39.8 }, "%");
      expectSeries(await panel(dbx, "vram"), { avg: (71.5 + 70.9) / 2 }, "%");
    });

    it("concurrency: provisioned on Databricks, not reported by Hugging Face", async () => {
      expectSeries(await panel(dbx, "concurrency"), { provisioned: 8 }, "requests");
      expect(await panel(hf, "concurrency")).toMatchObject({ series: [], notReported: "not reported by Hugging Face" });
    });

    it("a day asked at a 1 s step is answered within the API's point cap, on an aligned grid", async () => {
      const toMs = grid.toMs;
      const query = resolvePanelQuery(
        { panel: "cpu", from: toMs - 86_400_000, to: toMs, step: 1000 },
        { nowMs: toMs, scrapeIntervalMs: 1000 },
      );
      const response = await backend.queryPanel(hf, query);
      expect(response.stepMs).toBe(120_000);
      expect(response.from % 120_000).toBe(0);
      const points = response.series[0]?.points ?? [];
      expect(points.length).toBeLessThanOrEqual(SERIES_LIMITS.maxPointsPerSeries);
      expect(points.filter(([, value]) => value !== null).at(-1)?.[1]).toBeCloseTo(20.875, 6);
    });

    it("a bad query is a PrometheusError carrying the engine's message", async () => {
      const client = createPrometheusClient({ url: engine.url });
      const failure = await client
        .queryRange({ expr: "sum(", startMs: grid.fromMs, endMs: grid.toMs, stepMs: STEP_MS })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PrometheusError);
      expect(failure).toMatchObject({ kind: "query", message: expect.stringMatching(/parse|syntax|unexpected/i) });
    });

    it.runIf(kind === "prometheus")("the engine itself refuses 11,001 points: a bad_data PrometheusError", async () => {
      const client = createPrometheusClient({ url: engine.url });
      const range = { startMs: grid.toMs - 11_001_000, endMs: grid.toMs, stepMs: 1000 };
      const failure = await client.queryRange({ expr: "up", ...range }).catch((error: unknown) => error);
      expect(failure).toMatchObject({
        name: "PrometheusError",
        kind: "query",
        status: 400,
        errorType: "bad_data",
        message: expect.stringContaining("exceeded maximum resolution of 11,000 points per timeseries"),
      });
    });
  });
}
