import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenMetricsSource } from "@/lib/config/schema";
import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import { reporterName } from "@/lib/model/platform";
import { createStoreSink } from "@/lib/server/store-sink";
import { openStore, type Store } from "@/lib/store";
import { readCapture } from "@/test-support/testdata";
import { createProvider } from "../create";
import { TEST_HTTP_OPTIONS } from "@/test-support/providers";

/**
 * Contract tests of a two-replica target on real captures (testdata/captures/PROVENANCE.md): the mixed
 * V0/V1 vLLM fixture on /r1 and /r2, the DCGM fixture on /g1 and /g2, all on one fake server.
 */
const TOKEN = "self-hosted-replicas-token";
const VLLM = readCapture("vllm/datadog-v0-v1-mixed-opt-125m.txt");
const DCGM = readCapture("dcgm/datadog-tesla-t4.txt");
/** Replica b's GPU is busy: the capture's GPU_UTIL 0 and FB_USED 0 lines edited to 64 % and 5000 MiB. */
const DCGM_BUSY = DCGM.replace(/^(DCGM_FI_DEV_GPU_UTIL\{.*\}) 0$/m, "$1 64").replace(
  /^(DCGM_FI_DEV_FB_USED\{.*\}) 0$/m,
  "$1 5000",
);
/** Counters grow by this much per scrape of each replica, so rates differ between them. */
const GROWTH: Record<string, number> = { "/r1/metrics": 3, "/r2/metrics": 7 };

/** Every counter and histogram line of a capture plus `n × step`: buckets alike, so they stay cumulative. */
const grown = (capture: string, n: number, step: number) =>
  capture.replace(
    /^(\S+?_(?:total|bucket|count|sum)(?:\{[^}]*\})?) (\S+)$/gm,
    (_, series: string, value: string) => `${series} ${Number(value) + n * step}`,
  );

let server: Server;
let base = "";
const scrapes = new Map<string, number>();
const authorizations: string[] = [];
/** What a path does instead of answering: an HTTP status, or a delay past the provider's timeout. */
const faults = new Map<string, { status: number; body: string } | "slow">();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "";
    authorizations.push(`${path} ${req.headers.authorization ?? ""}`);
    const fault = faults.get(path);
    if (fault === "slow") return void setTimeout(() => res.end(VLLM), 3 * TEST_HTTP_OPTIONS.timeoutMs);
    if (fault) {
      res.writeHead(fault.status, { "Content-Type": "text/plain" });
      return res.end(fault.body);
    }
    const n = (scrapes.get(path) ?? 0) + 1;
    scrapes.set(path, n);
    const text = path === "/g1/metrics" ? DCGM : path === "/g2/metrics" ? DCGM_BUSY : grown(VLLM, n, GROWTH[path] ?? 0);
    res.writeHead(path in GROWTH || path.startsWith("/g") ? 200 : 404, { "Content-Type": "text/plain; version=0.0.4" });
    res.end(path in GROWTH || path.startsWith("/g") ? text : "404 page not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

let store: Store;
beforeEach(() => {
  faults.clear();
  scrapes.clear();
  store = openStore(":memory:");
  return () => store.close();
});

const source = (): OpenMetricsSource => ({
  kind: "openmetrics",
  id: "self",
  token: TOKEN,
  scrapeIntervalS: 15,
  targets: [
    {
      name: "chat",
      replicas: [
        { id: "gpu-a", url: `${base}/r1/metrics`, gpuUrl: `${base}/g1/metrics` },
        { id: "gpu-b", url: `${base}/r2/metrics`, gpuUrl: `${base}/g2/metrics` },
      ],
    },
  ],
});

/** A provider whose scrapes go through the collector's sink into the store, as the server runs them. */
async function collecting() {
  const provider = createProvider(source(), { http: TEST_HTTP_OPTIONS });
  const sink = createStoreSink(store);
  const discovered = await provider.discover();
  sink.saveDiscovery("self", discovered, Date.now(), []);
  const endpoint = discovered[0]!;
  return {
    provider,
    endpoint,
    async scrape() {
      const result = await provider.scrape(endpoint);
      sink.saveScrape({ ...result, warnings: [], deferredUntilMs: null, dueAtMs: result.at });
      return result;
    },
  };
}

/** `replica/other labels → value` of one metric in a scrape's samples. */
function byReplica(samples: readonly CanonicalSample[], metric: CanonicalMetric): Record<string, number> {
  const entries = samples
    .filter((sample) => sample.metric === metric)
    .map(({ labels: { replica, ...rest }, value }) => [[replica, ...Object.values(rest)].join("/"), value] as const);
  return Object.fromEntries(entries);
}

describe("a target with two replicas, each with its GPU exporter", () => {
  it("discovers one endpoint whose scrape URL is the first replica's, naming both hosts", async () => {
    const [endpoint] = await createProvider(source()).discover();
    const host = new URL(base).host;
    expect(endpoint).toMatchObject({
      id: "self.chat",
      scrape: { url: `${base}/r1/metrics`, intervalS: 15 },
      model: { name: null, details: { hosts: `${host}, ${host}` } },
    });
  });

  it("stores both replicas' series under their ids, each with its own GPU figures merged", async () => {
    const { endpoint, scrape } = await collecting();
    const first = await scrape();
    const second = await scrape();
    expect(second).toMatchObject({ ok: true, status: 200, error: null });
    expect(second.replicas).toEqual([
      { id: "gpu-a", state: "running" },
      { id: "gpu-b", state: "running" },
    ]);
    // The capture's vllm:prompt_tokens_total is 5; two scrapes grew it by 2 × 3 and 2 × 7.
    expect(byReplica(second.samples, "prompt_tokens_total")).toEqual({ "gpu-a": 11, "gpu-b": 19 });
    // DCGM fixture: GPU_UTIL 0, FB_USED 0 of 15109 free; replica b's edited to 64 % and 5000 MiB.
    expect(byReplica(second.samples, "gpu_percent")).toEqual({ "gpu-a/0": 0, "gpu-b/0": 64 });
    expect(byReplica(second.samples, "vram_percent")).toEqual({ "gpu-a/0": 0, "gpu-b/0": (5000 / 20109) * 100 });

    const range = { endpointId: endpoint.id, fromMs: first.at - 60_000, toMs: second.at + 60_000, stepMs: 60_000 };
    const stored = store.readWindows({ ...range, metric: "prompt_tokens_total" }).series;
    const increases = Object.fromEntries(stored.map((s) => [s.labels.replica, s.sum.reduce((a, b) => a + b, 0)]));
    expect(increases).toEqual({ "gpu-a": 3, "gpu-b": 7 });
    const gpuOfB = store.readWindows({ ...range, metric: "gpu_percent", replica: "gpu-b" }).series;
    const peak = (max: Float64Array, count: Float64Array) => Math.max(...max.filter((_, i) => (count[i] ?? 0) > 0));
    expect(gpuOfB.map((s) => [s.labels, peak(s.max, s.count)])).toEqual([[{ gpu: "0", replica: "gpu-b" }, 64]]);
    expect(store.listReplicas(endpoint.id).map((r) => [r.id, r.state])).toEqual([
      ["gpu-a", "running"],
      ["gpu-b", "running"],
    ]);
  });

  it("sends the source's token to every replica and GPU exporter", async () => {
    const { scrape } = await collecting();
    authorizations.length = 0;
    await scrape();
    expect(authorizations.sort()).toEqual(
      ["/g1/metrics", "/g2/metrics", "/r1/metrics", "/r2/metrics"].map((path) => `${path} Bearer ${TOKEN}`),
    );
  });

  it("keeps the others' series when a replica answers 5xx, and says which one failed and why", async () => {
    faults.set("/r2/metrics", { status: 503, body: "engine dead" });
    const { endpoint, scrape } = await collecting();
    const result = await scrape();
    expect(result).toMatchObject({ ok: false, status: 503 });
    expect(result.error).toMatch(/^replica gpu-b: HTTP 503 from 127\.0\.0\.1:\d+: engine dead$/);
    expect(byReplica(result.samples, "prompt_tokens_total")).toEqual({ "gpu-a": 8 });
    // Its GPU exporter still answers: an idle GPU under a dead server is worth seeing.
    expect(byReplica(result.samples, "gpu_percent")).toEqual({ "gpu-a/0": 0, "gpu-b/0": 64 });
    expect(store.listReplicas(endpoint.id).map((r) => [r.id, r.state])).toEqual([
      ["gpu-a", "running"],
      ["gpu-b", "down"],
    ]);
    expect(store.lastScrape(endpoint.id)).toMatchObject({ ok: false, status: 503, error: result.error });
  });

  it("names a replica that timed out, and a GPU exporter that failed, in one outcome", async () => {
    faults.set("/r1/metrics", "slow");
    faults.set("/g2/metrics", { status: 500, body: "dcgm: no GPUs" });
    const { scrape } = await collecting();
    const result = await scrape();
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(
      /^replica gpu-a: request to 127\.0\.0\.1:\d+ timed out after 1 s; replica gpu-b GPU exporter: HTTP 500 from 127\.0\.0\.1:\d+: dcgm: no GPUs$/,
    );
    expect(byReplica(result.samples, "prompt_tokens_total")).toEqual({ "gpu-b": 12 });
    expect(byReplica(result.samples, "gpu_percent")).toEqual({ "gpu-a/0": 0 });
    expect(result.replicas).toEqual([
      { id: "gpu-a", state: "down" },
      { id: "gpu-b", state: "running" },
    ]);
  });

  it("records the server it recognised at the first successful scrape; later discoveries keep it", async () => {
    const { provider, endpoint, scrape } = await collecting();
    expect(endpoint.model.details.server).toBeUndefined();
    const first = await scrape();
    expect(first.endpoint?.model).toEqual({
      name: "facebook/opt-125m",
      version: null,
      details: { hosts: endpoint.model.details.hosts, server: "vLLM (V1 engine)" },
    });
    const stored = store.getEndpoint(endpoint.id)!;
    expect(stored.model.details.server).toBe("vLLM (V1 engine)");
    expect(reporterName(stored)).toBe("vLLM (V1 engine)");
    // Nothing new to say: the second scrape does not rewrite the endpoint.
    expect((await scrape()).endpoint).toBeUndefined();
    const [rediscovered] = await provider.discover();
    expect(rediscovered?.model.details.server).toBe("vLLM (V1 engine)");
  });

  it("learns the server again after a restart, from a replica that answers while the other is down", async () => {
    await (await collecting()).scrape();
    faults.set("/r1/metrics", { status: 502, body: "bad gateway" });
    // A new process: its first discovery has not met the server yet and overwrites the stored endpoint.
    const restarted = await collecting();
    expect(store.getEndpoint(restarted.endpoint.id)?.model.details.server).toBeUndefined();
    await restarted.scrape();
    expect(store.getEndpoint(restarted.endpoint.id)?.model.details.server).toBe("vLLM (V1 engine)");
  });
});

describe("a target with one URL", () => {
  it("is one replica named by its host:port, with the upstream's message kept plain", async () => {
    const single: OpenMetricsSource = { ...source(), targets: [{ name: "one", url: `${base}/r1/metrics` }] };
    const provider = createProvider(single, { http: TEST_HTTP_OPTIONS });
    const [endpoint] = await provider.discover();
    expect(endpoint?.model.details).toEqual({ host: new URL(base).host });
    const ok = await provider.scrape(endpoint!);
    expect(ok.replicas).toEqual([{ id: new URL(base).host, state: "running" }]);
    expect(new Set(ok.samples.map((s) => s.labels.replica))).toEqual(new Set([new URL(base).host]));
    faults.set("/r1/metrics", { status: 500, body: "boom" });
    const failed = await provider.scrape(endpoint!);
    expect(failed.error).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+: boom$/);
  });
});
