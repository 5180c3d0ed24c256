import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import { createProvider } from "@/lib/providers/create";
import { createStoreSink } from "@/lib/server/store-sink";
import { openStore, type Store } from "@/lib/store";
import { waitFor } from "@/test-support/wait-for";
import { createCollector, type Collector } from "./collector";
import { DEFAULT_COLLECTOR_LIMITS, type CollectorLimits } from "./limits";
import type { CollectedScrape } from "./types";

let fakes: FakeUpstreams;
let store: Store;
let collector: Collector;

async function start(
  httpTimeoutMs = 1000,
  limits: Partial<CollectorLimits> = {},
  onSave: (scrape: CollectedScrape) => void = () => {},
) {
  fakes = await startFakeUpstreams();
  const config = loadConfig({
    env: {
      DATABRICKS_HOST: fakes.databricks.url,
      DATABRICKS_TOKEN: fakes.databricks.token,
      HF_ENDPOINTS_API: fakes.huggingface.url,
      HF_NAMESPACE: fakes.huggingface.namespace,
      HF_TOKEN: fakes.huggingface.token,
    },
    readFile: () => null,
    homeDir: "/nowhere",
  });
  store = openStore(":memory:");
  const sink = createStoreSink(store);
  const providers = config.sources.map((s) => createProvider(s, { http: { timeoutMs: httpTimeoutMs, retries: 0 } }));
  collector = createCollector({
    providers,
    sink: {
      ...sink,
      saveScrape(scrape) {
        onSave(scrape);
        sink.saveScrape(scrape);
      },
    },
    intervalOverrideS: 0.5,
    flushIntervalMs: 100,
    limits: { ...DEFAULT_COLLECTOR_LIMITS, ...limits },
  });
  await collector.start();
}

afterEach(async () => {
  await collector?.stop();
  store?.close();
  await fakes?.close();
});

const scrapesOf = (name: string) =>
  fakes.received.filter((r) => /\/(metrics|open-metrics)$/.test(r.path) && r.path.includes(`/${name}/`)).length;

describe("collector", () => {
  it("keeps every other endpoint on schedule while one upstream hangs", async () => {
    await start(800);
    fakes.setFault("databricks:fraud-scorer", { kind: "slow", delayMs: 5000 });
    const before = scrapesOf("sentiment-prod");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // At a 0.5 s interval, ~5 scrapes fit in 2.5 s; the hanging endpoint must not hold them up.
    expect(scrapesOf("sentiment-prod") - before).toBeGreaterThanOrEqual(3);
    collector.flush();
    const outcome = await waitFor(() => {
      const last = store.lastScrape("databricks.fraud-scorer");
      return last && !last.ok ? last : null;
    });
    expect(outcome.error).toMatch(/timed out/);
    expect(store.lastScrape("huggingface.sentiment-prod")?.ok).toBe(true);
  });

  it("says when each scrape was due: on the endpoint's grid, one interval apart, never after it started", async () => {
    const saved: CollectedScrape[] = [];
    await start(1000, {}, (scrape) => saved.push(scrape));
    const mine = () => saved.filter((scrape) => scrape.endpointId === "huggingface.sentiment-prod");
    // A scrape that starts an interval late moves the grid; the next ones are one interval apart again.
    await waitFor(() => {
      collector.flush();
      return mine().some((scrape, i) => i > 0 && scrape.dueAtMs - mine()[i - 1]!.dueAtMs === 500);
    });
    for (const [i, scrape] of mine().entries()) {
      expect(scrape.at).toBeGreaterThanOrEqual(scrape.dueAtMs);
      if (i > 0) expect(scrape.dueAtMs - mine()[i - 1]!.dueAtMs).toBeGreaterThanOrEqual(500);
    }
  });

  it("records an upstream 500 and recovers when it clears", async () => {
    await start();
    fakes.setFault("huggingface:sentiment-prod", { kind: "status", status: 500 });
    const failed = await waitFor(() => {
      collector.flush();
      const last = store.lastScrape("huggingface.sentiment-prod");
      return last && !last.ok ? last : null;
    });
    expect(failed.status).toBe(500);
    expect(failed.error).toContain("500");
    fakes.setFault("huggingface:sentiment-prod", null);
    await waitFor(() => {
      collector.flush();
      return store.lastScrape("huggingface.sentiment-prod")?.ok;
    });
    expect(collector.state().scrapeFailures).toBeGreaterThan(0);
  });

  it("keeps the last good discovery when listing fails, with a message free of the token", async () => {
    await start();
    const endpoints = store.listEndpoints().length;
    fakes.setFault("databricks", { kind: "status", status: 401 });
    await collector.discoverNow();
    const databricks = collector.state().sources.find((s) => s.id === "databricks")!;
    expect(databricks.lastDiscovery).toMatchObject({ ok: false, error: expect.stringContaining("401") });
    expect(databricks.lastDiscovery?.error).not.toContain(fakes.databricks.token);
    expect(store.listEndpoints().length).toBe(endpoints);
  });

  it("does not scrape a target again before its Retry-After has passed, and says so", async () => {
    await start();
    const id = "huggingface.sentiment-prod";
    await waitFor(() => collector.lastOutcome(id)?.ok);
    fakes.setFault("huggingface:sentiment-prod", { kind: "rate-limit", retryAfter: "3600" });
    const limited = await waitFor(() => {
      const outcome = collector.lastOutcome(id);
      return outcome?.status === 429 ? outcome : null;
    });
    const asked = scrapesOf("sentiment-prod");
    // Five intervals: the target would have been asked five more times.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(scrapesOf("sentiment-prod")).toBe(asked);
    expect(limited.deferredUntil).toBeGreaterThan(limited.at + 3590_000);
    expect(limited.warnings).toEqual([
      `next scrape at ${new Date(limited.deferredUntil ?? 0).toISOString()}, as the upstream's Retry-After asks`,
    ]);
    expect(collector.state().deferredEndpoints).toBe(1);
    // The stored outcome says so too (it is what a restarted server shows).
    collector.flush();
    expect(store.lastScrape(id)?.warnings).toEqual(limited.warnings);
    expect(scrapesOf("fraud-scorer")).toBeGreaterThan(0);
  });

  it("obeys a Retry-After only up to its bound, then scrapes again", async () => {
    await start(1000, { maxRetryAfterMs: 1500 });
    const id = "huggingface.sentiment-prod";
    await waitFor(() => collector.lastOutcome(id)?.ok);
    fakes.setFault("huggingface:sentiment-prod", { kind: "rate-limit", retryAfter: "7200", times: 1 });
    const limited = await waitFor(() => {
      const outcome = collector.lastOutcome(id);
      return outcome?.status === 429 ? outcome : null;
    });
    expect(limited.deferredUntil! - limited.at).toBeLessThanOrEqual(1500 + limited.durationMs + 50);
    expect(limited.warnings?.[0]).toMatch(
      /^next scrape at \S+Z: the upstream's Retry-After asked for 7200 s, at most 1\.5 s \(SERVESCOPE_MAX_RETRY_AFTER_S\) is obeyed$/,
    );
    const recovered = await waitFor(() => {
      const outcome = collector.lastOutcome(id);
      return outcome?.ok ? outcome : null;
    });
    expect(recovered.at).toBeGreaterThanOrEqual(limited.deferredUntil!);
  });

  it("keeps the series it knows and drops the excess of a label that never stops growing", async () => {
    await start(5000, { maxSeriesPerScrape: 500, maxSeriesPerEndpoint: 800 });
    const id = "huggingface.sentiment-prod";
    await waitFor(() => collector.lastOutcome(id)?.ok);
    const line = 'http_requests{replica_id="r-flood",status_code="{i}"} 1';
    fakes.setFault("huggingface:sentiment-prod", { kind: "cardinality", line, series: 2000 });
    const first = await waitFor(() => collector.lastOutcome(id)?.warnings?.[0]);
    expect(first).toMatch(
      /^dropped 1,5\d\d of 2,0\d\d series: at most 500 series per scrape \(SERVESCOPE_MAX_SERIES_PER_SCRAPE\)$/,
    );
    // New values every scrape: once the endpoint holds 800 series, no new one gets in.
    fakes.setFault("huggingface:sentiment-prod", { kind: "cardinality", line, series: 2000, rotate: true });
    const full =
      /^dropped 2,0\d\d of 2,0\d\d series: at most 800 series per endpoint \(SERVESCOPE_MAX_SERIES_PER_ENDPOINT\)$/;
    await waitFor(() => collector.lastOutcome(id)?.warnings?.some((w) => full.test(w)));
    collector.flush();
    const now = Date.now();
    const range = { endpointId: id, fromMs: now - 600_000, toMs: now, stepMs: 600_000 };
    const stored = store.readWindows({ ...range, metric: "requests_total" }).series;
    const others = [
      "latency_quantile_ms",
      "cpu_percent",
      "memory_percent",
      "gpu_percent",
      "vram_percent",
      "pending_requests",
    ] as const;
    const total =
      stored.length + others.reduce((n, metric) => n + store.readWindows({ ...range, metric }).series.length, 0);
    expect(total).toBe(800);
    // The series being charted before the flood are still written.
    expect(stored.filter((s) => s.labels.replica !== "r-flood").map((s) => s.labels.code)).toEqual(
      expect.arrayContaining(["200", "400", "500"]),
    );
    expect(collector.state().seriesLimitDroppedSamples).toBeGreaterThan(2000);
  });
});
