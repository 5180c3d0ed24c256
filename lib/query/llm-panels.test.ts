import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Panel, SeriesResponse } from "@/lib/api/schemas";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { openStore, type Store } from "@/lib/store/store";
import { headlineFigures } from "./headline";
import { createStoreBackend } from "./store-backend";
import { makeEndpoint, sample } from "@/test-support/endpoints";
import type { PanelQuery, SeriesBackend } from "./types";

const T0 = 1_788_717_600_000; // a whole hour
const S = 1000;
const MIN = 60 * S;

function llmServer(id: string, server: string): DiscoveredEndpoint {
  const endpoint = makeEndpoint(id, "openmetrics");
  return { ...endpoint, model: { ...endpoint.model, details: { server } } };
}

const vllm = llmServer("om.vllm", "vLLM (V1 engine)");
const tgi = llmServer("om.tgi", "TGI");
const sglang = llmServer("om.sglang", "SGLang");
const triton = llmServer("om.triton", "Triton");

const A = "a:8000";
const B = "b:8000";
const LE = ["10", "50", "100", "250", "+Inf"];

/** Cumulative buckets of one scrape: each adds `perScrape[i]` observations ≤ LE[i]. */
function buckets(
  metric: "ttft_bucket_cumulative_ms" | "itl_bucket_cumulative_ms" | "latency_bucket_cumulative_ms",
  replica: string,
  le: readonly string[],
  perScrape: readonly number[],
  k: number,
  ts: number,
): CanonicalSample[] {
  return le.map((bound, i) => sample(metric, { replica, le: bound }, perScrape[i]! * k, ts));
}

/**
 * vLLM shaped, scraped every 15 s from T0+15 s to T0+600 s; replica B stops after T0+450 s.
 * Per scrape A adds 30 prompt and 150 generated tokens (2 and 10 tok/s), B 60 and 75 (4 and 5 tok/s).
 * TTFT: A 4, 12, 20, 20, 20 and B 0, 8, 15, 20, 20 observations ≤ 10, 50, 100, 250, +Inf ms.
 * Prefix cache: A 50 hits of 100 lookups (flat after T0+540 s), B 30 of 300.
 */
function vllmSamples(): CanonicalSample[] {
  const out: CanonicalSample[] = [];
  for (let k = 1; k <= 40; k++) {
    const ts = T0 + k * 15 * S;
    const cached = Math.min(k, 36);
    out.push(
      sample("prompt_tokens_total", { replica: A }, 30 * k, ts),
      sample("generation_tokens_total", { replica: A }, 150 * k, ts),
      ...buckets("ttft_bucket_cumulative_ms", A, LE, [4, 12, 20, 20, 20], k, ts),
      ...buckets("itl_bucket_cumulative_ms", A, ["5", "20", "+Inf"], [5, 10, 10], k, ts),
      ...buckets("latency_bucket_cumulative_ms", A, ["500", "1000", "+Inf"], [2, 4, 4], k, ts),
      sample("requests_waiting", { replica: A }, 2, ts),
      sample("requests_running", { replica: A }, 5, ts),
      sample("kv_cache_percent", { replica: A }, 40, ts),
      sample("prefix_cache_hits_total", { replica: A }, 50 * cached, ts),
      sample("prefix_cache_queries_total", { replica: A }, 100 * cached, ts),
    );
    if (k > 30) continue;
    out.push(
      sample("prompt_tokens_total", { replica: B }, 60 * k, ts),
      sample("generation_tokens_total", { replica: B }, 75 * k, ts),
      ...buckets("ttft_bucket_cumulative_ms", B, LE, [0, 8, 15, 20, 20], k, ts),
      sample("requests_waiting", { replica: B }, 1, ts),
      sample("requests_running", { replica: B }, k % 2 ? 4 : 2, ts),
      sample("kv_cache_percent", { replica: B }, k % 2 ? 60 : 80, ts),
      sample("prefix_cache_hits_total", { replica: B }, 30 * k, ts),
      sample("prefix_cache_queries_total", { replica: B }, 300 * k, ts),
    );
  }
  return out;
}

/** TGI, SGLang and Triton shaped: what each reports of the same panels, one replica each. */
function otherServers(): { endpoint: DiscoveredEndpoint; samples: CanonicalSample[] }[] {
  const every = (fn: (k: number, ts: number) => CanonicalSample[]) =>
    Array.from({ length: 40 }, (_, i) => fn(i + 1, T0 + (i + 1) * 15 * S)).flat();
  return [
    {
      endpoint: tgi,
      samples: every((k, ts) => [
        ...buckets("itl_bucket_cumulative_ms", A, ["5", "20", "+Inf"], [5, 10, 10], k, ts),
        sample("generation_tokens_total", { replica: A }, 45 * k, ts),
        sample("requests_waiting", { replica: A }, 3, ts),
        sample("requests_running", { replica: A }, 1, ts),
      ]),
    },
    {
      endpoint: sglang,
      samples: every((_, ts) => [
        sample("prefix_cache_hit_percent", { replica: A }, 30, ts),
        sample("prefix_cache_hit_percent", { replica: B }, 50, ts),
      ]),
    },
    { endpoint: triton, samples: every((_, ts) => [sample("requests_waiting", { replica: A, model: "m" }, 6, ts)]) },
  ];
}

let store: Store;
let backend: SeriesBackend;

beforeEach(() => {
  store = openStore(":memory:");
  store.writeSamples(vllm.id, vllmSamples());
  for (const { endpoint, samples } of otherServers()) store.writeSamples(endpoint.id, samples);
  backend = createStoreBackend(store);
});

afterEach(() => store.close());

/** Grid from T0+2 min to T0+12 min a minute apart: B stops after 7.5 min, everyone after 10. */
function query(endpoint: DiscoveredEndpoint, panel: Panel, extra: Partial<PanelQuery> = {}): Promise<SeriesResponse> {
  return backend.queryPanel(endpoint, { panel, fromMs: T0 + 2 * MIN, toMs: T0 + 12 * MIN, stepMs: MIN, ...extra });
}

function values(response: SeriesResponse, name: string): (number | null)[] {
  const series = response.series.find((s) => s.name === name);
  if (!series) throw new Error(`no series ${name} in ${response.series.map((s) => s.name).join(",")}`);
  return series.points.map(([, v]) => (v === null ? null : Math.round(v * 1000) / 1000));
}

/** Grid points 2 min (both replicas), 9 min (A alone), 10 min and 11 min (nobody after 10). */
const at = (response: SeriesResponse, name: string) => {
  const v = values(response, name);
  return [v[0], v[7], v[8], v[9]];
};

describe("time to first token and inter-token latency", () => {
  it("ttft: buckets summed over the window and replicas, then histogram_quantile", async () => {
    const r = await query(vllm, "ttft");
    expect(r.unit).toBe("ms");
    expect(r.series.map((s) => [s.name, s.labels])).toEqual([
      ["p50", { quantile: "0.5" }],
      ["p90", { quantile: "0.9" }],
      ["p95", { quantile: "0.95" }],
      ["p99", { quantile: "0.99" }],
    ]);
    // Both: 16, 80, 140, 160, 160 per minute. p90: rank 144 in (100, 250] holding 20 → 100 + 150 × 4/20.
    // A alone: 16, 48, 80, 80, 80; p50 rank 40 in (10, 50] → 10 + 40 × 24/32; p90 rank 72 → 50 + 50 × 24/32.
    expect(at(r, "p50")).toEqual([50, 40, 40, null]);
    expect(at(r, "p90")).toEqual([130, 87.5, 87.5, null]);
    expect(at(r, "p95")).toEqual([190, 93.75, 93.75, null]);
    expect(at(r, "p99")).toEqual([238, 98.75, 98.75, null]);
    // B alone: 0, 32, 60, 80, 80; p50 rank 40 in (50, 100] → 50 + 50 × 8/28.
    expect(values(await query(vllm, "ttft", { replica: B }), "p50")[0]).toBeCloseTo(64.286, 3);
  });

  it("itl: the same from the inter-token histogram", async () => {
    // 20, 40, 40 per minute: p50 rank 20 fills (0, 5]; p90 rank 36 → 5 + 15 × 16/20.
    const r = await query(vllm, "itl");
    expect(at(r, "p50")).toEqual([5, 5, 5, null]);
    expect(at(r, "p90")).toEqual([17, 17, 17, null]);
    expect(at(r, "p99")).toEqual([19.7, 19.7, 19.7, null]);
  });

  it("latency answers from vLLM's end-to-end histogram", async () => {
    // 8, 16, 16 per minute: p50 rank 8 fills (0, 500]; p90 rank 14.4 → 500 + 500 × 6.4/8.
    const r = await query(vllm, "latency");
    expect(at(r, "p50")).toEqual([500, 500, 500, null]);
    expect(at(r, "p90")).toEqual([900, 900, 900, null]);
  });

  it("TGI has no time-to-first-token family, and says so", async () => {
    const r = await query(tgi, "ttft");
    expect(r.series).toEqual([]);
    expect(r.notReported).toBe("TGI does not export time to first token");
    expect((await query(vllm, "ttft", { fromMs: T0 - 60 * MIN, toMs: T0 - 50 * MIN })).notReported).toBeUndefined();
    expect((await query(triton, "ttft")).notReported).toBe("not reported by Triton");
    expect(values(await query(tgi, "itl"), "p90")[0]).toBe(17);
  });
});

describe("tokens", () => {
  it("prompt and generation: counter rates summed over replicas", async () => {
    const r = await query(vllm, "tokens");
    expect(r.unit).toBe("tok/s");
    expect(r.series.map((s) => s.name)).toEqual(["prompt", "generation"]);
    expect(at(r, "prompt")).toEqual([6, 2, 2, null]);
    expect(at(r, "generation")).toEqual([15, 10, 10, null]);
    expect(values(await query(vllm, "tokens", { replica: B }), "generation")[0]).toBe(5);
  });

  it("a server counting one kind answers the other as gaps", async () => {
    const r = await query(tgi, "tokens");
    expect(at(r, "generation")).toEqual([3, 3, 3, null]);
    expect(values(r, "prompt")).toEqual(Array(11).fill(null));
  });
});

describe("pending: waiting and running", () => {
  it("sums each over replicas where the server reports both", async () => {
    const r = await query(vllm, "pending");
    expect(r.series.map((s) => [s.name, s.labels])).toEqual([
      ["waiting", {}],
      ["running", {}],
    ]);
    expect(at(r, "waiting")).toEqual([3, 2, 2, null]);
    expect(at(r, "running")).toEqual([8, 5, 5, null]);
    // agg=max: B's running is 4 or 2 within each minute.
    expect(values(await query(vllm, "pending", { agg: "max" }), "running")[0]).toBe(9);
  });

  it("per replica, one series of waiting + running each", async () => {
    const r = await query(vllm, "pending", { by: "replica" });
    expect(r.series.map((s) => [s.name, s.labels])).toEqual([
      [A, { replica: A }],
      [B, { replica: B }],
    ]);
    expect(at(r, A)).toEqual([7, 7, 7, null]);
    expect(at(r, B)).toEqual([4, null, null, null]);
    expect(values(await query(tgi, "pending", { by: "replica" }), A)[0]).toBe(4);
  });

  it("a server with one queue gauge answers it as pending", async () => {
    const r = await query(triton, "pending");
    expect(r.series.map((s) => s.name)).toEqual(["pending"]);
    expect(values(r, "pending")[0]).toBe(6);
  });
});

describe("KV cache and prefix cache", () => {
  it("kv_cache: the mean over replicas, or one series per replica", async () => {
    expect(at(await query(vllm, "kv_cache"), "avg")).toEqual([55, 40, 40, null]);
    const per = await query(vllm, "kv_cache", { by: "replica" });
    expect(per.series.map((s) => s.name)).toEqual([A, B]);
    expect(values(per, B)[0]).toBe(70);
    expect(values(await query(vllm, "kv_cache", { agg: "max" }), "avg")[0]).toBe(60);
  });

  it("prefix_cache: hits ÷ lookups summed over replicas before dividing, null without lookups", async () => {
    const r = await query(vllm, "prefix_cache");
    expect(r.series.map((s) => s.name)).toEqual(["hit_rate"]);
    // (200 + 120) hits of (400 + 1200) lookups a minute = 20 %, not the replicas' mean of 50 % and 10 %.
    // At 10 min A's counters stood still: no lookups, no rate.
    expect(at(r, "hit_rate")).toEqual([20, 50, null, null]);
  });

  it("prefix_cache: the mean of the server's own hit-rate gauge where that is all it reports", async () => {
    expect(values(await query(sglang, "prefix_cache"), "hit_rate")[0]).toBe(40);
    expect((await query(tgi, "prefix_cache")).notReported).toBe("not reported by TGI");
  });
});

describe("headline figures of an LLM server", () => {
  it("TTFT p95 and tokens per second over the last five minutes", async () => {
    const h = await headlineFigures(backend, vllm, T0 + 7 * MIN);
    // Five minutes of both replicas: the proportions of one minute, so the same p95.
    expect(h.ttftP95Ms).toBeCloseTo(190, 9);
    expect(h.tokenRate).toBeCloseTo(21, 9);
    expect(h.requestRate).toBeNull();
    const g = await headlineFigures(backend, tgi, T0 + 7 * MIN);
    expect(g.ttftP95Ms).toBeNull();
    expect(g.tokenRate).toBeCloseTo(3, 9);
  });
});
