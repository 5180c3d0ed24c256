import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HeadlineSchema, type Panel, type SeriesResponse } from "@/lib/api/schemas";
import type { CanonicalSample } from "@/lib/model/canonical";
import { openStore, type Store } from "@/lib/store/store";
import { headlineFigures, sparkline } from "./headline";
import { resolvePanelQuery } from "./resolve-query";
import { createStoreBackend } from "./store-backend";
import { makeEndpoint, sample } from "@/test-support/endpoints";
import type { PanelQuery, SeriesBackend } from "./types";

const T0 = 1_788_717_600_000; // a whole hour
const S = 1000;
const MIN = 60 * S;

const hf = makeEndpoint("hf.chat", "huggingface", { scaling: { maxReplicas: 4 } });
const dbx = makeEndpoint("dbx.scorer", "databricks");

/**
 * Hugging Face style, scraped every 15 s from T0+15 s to T0+600 s. r1: 1 req/s of 200 and 0.2 of
 * 503; r2: 2 req/s of 200 with a restart at k=20, and stops reporting after T0+450 s.
 */
function hfSamples(): CanonicalSample[] {
  const out: CanonicalSample[] = [];
  for (let k = 1; k <= 40; k++) {
    const ts = T0 + k * 15 * S;
    out.push(sample("requests_total", { replica: "r1", code: "200" }, 15 * k, ts));
    out.push(sample("requests_total", { replica: "r1", code: "503" }, 3 * k, ts));
    out.push(sample("latency_quantile_ms", { replica: "r1", quantile: "0.5" }, 10, ts));
    out.push(sample("latency_quantile_ms", { replica: "r1", quantile: "0.99" }, k % 2 ? 80 : 40, ts));
    out.push(sample("pending_requests", { replica: "r1" }, 2, ts));
    out.push(sample("cpu_percent", { replica: "r1" }, 40, ts));
    out.push(sample("gpu_percent", { replica: "r1", gpu: "0" }, 80, ts));
    out.push(sample("gpu_percent", { replica: "r1", gpu: "1" }, 20, ts));
    if (k > 30) continue;
    out.push(sample("requests_total", { replica: "r2", code: "200" }, k < 20 ? 30 * k : 30 * (k - 19), ts));
    out.push(sample("latency_quantile_ms", { replica: "r2", quantile: "0.5" }, 30, ts));
    out.push(sample("latency_quantile_ms", { replica: "r2", quantile: "0.99" }, 60, ts));
    out.push(sample("pending_requests", { replica: "r2" }, 5, ts));
    out.push(sample("cpu_percent", { replica: "r2" }, 60, ts));
    out.push(sample("gpu_percent", { replica: "r2", gpu: "0" }, 50, ts));
  }
  return out;
}

/** Databricks style, one per-minute sample from T0+1 min to T0+10 min, replica "all". */
function dbxSamples(): CanonicalSample[] {
  const out: CanonicalSample[] = [];
  const all = { replica: "all" };
  const buckets: Array<[string, number]> = [
    ["10", 30],
    ["50", 90],
    ["100", 120],
    ["+Inf", 120],
  ];
  for (let m = 1; m <= 10; m++) {
    const ts = T0 + m * MIN;
    out.push(sample("requests_per_minute", { ...all, class: "all" }, 600, ts));
    out.push(sample("requests_per_minute", { ...all, class: "4xx" }, 60, ts));
    out.push(sample("requests_per_minute", { ...all, class: "5xx" }, 30, ts));
    for (const [le, count] of buckets) out.push(sample("latency_bucket_ms", { ...all, le }, count, ts));
    out.push(sample("cpu_percent", all, 30, ts));
    out.push(sample("gpu_percent", { ...all, gpu: "gpu0" }, 45, ts));
    out.push(sample("gpu_percent", { ...all, gpu: "gpu1" }, 40, ts));
    out.push(sample("provisioned_concurrency", all, 8, ts));
  }
  return out;
}

let store: Store;
let backend: SeriesBackend;

beforeEach(() => {
  store = openStore(":memory:");
  store.writeSamples(hf.id, hfSamples());
  store.writeSamples(dbx.id, dbxSamples());
  backend = createStoreBackend(store);
});

afterEach(() => store.close());

/** Grid from T0+2 min to T0+12 min a minute apart: r2 stops after 7.5 min, everyone after 10. */
async function query(endpoint = hf, panel: Panel, extra: Partial<PanelQuery> = {}): Promise<SeriesResponse> {
  return backend.queryPanel(endpoint, { panel, fromMs: T0 + 2 * MIN, toMs: T0 + 12 * MIN, stepMs: MIN, ...extra });
}

function values(response: SeriesResponse, name: string): (number | null)[] {
  const series = response.series.find((s) => s.name === name);
  if (!series) throw new Error(`no series ${name} in ${response.series.map((s) => s.name).join(",")}`);
  return series.points.map(([, v]) => (v === null ? null : Math.round(v * 1000) / 1000));
}

const nulls = (n: number) => Array<null>(n).fill(null);

describe("Hugging Face style", () => {
  it("requests: reset-aware rates summed by class, gaps as null", async () => {
    const r = await query(hf, "requests");
    expect(r.unit).toBe("req/s");
    expect(r.series.map((s) => s.name)).toEqual(["2xx", "5xx"]);
    expect(r.series[0]?.points[0]).toEqual([T0 + 2 * MIN, 3]);
    // r2's last sample is at 7.5 min: its 8-minute window covers 30 s, at 2 req/s.
    expect(values(r, "2xx")).toEqual([3, 3, 3, 3, 3, 3, 3, 1, 1, null, null]);
    expect(values(r, "5xx")).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, null, null]);
  });

  it("requests by code, and for one replica", async () => {
    const byCode = await query(hf, "requests", { by: "code" });
    expect(byCode.series.map((s) => [s.name, s.labels])).toEqual([
      ["200", { code: "200" }],
      ["503", { code: "503" }],
    ]);
    const r1 = await query(hf, "requests", { replica: "r1" });
    expect(values(r1, "2xx").slice(0, 3)).toEqual([1, 1, 1]);
    const r2 = await query(hf, "requests", { replica: "r2" });
    expect(r2.series.map((s) => s.name)).toEqual(["2xx"]);
  });

  it("latency: quantiles averaged over the window and replicas, or their max", async () => {
    const avg = await query(hf, "latency");
    expect(avg.series.map((s) => s.name)).toEqual(["p50", "p90", "p95", "p99"]);
    expect(values(avg, "p50").slice(0, 2)).toEqual([20, 20]);
    expect(values(avg, "p99").slice(0, 2)).toEqual([60, 60]);
    expect(values(avg, "p99").slice(7, 9)).toEqual([60, 60]); // r1 alone after r2 left
    expect(values(avg, "p90")).toEqual(nulls(11)); // reported by no replica: a gap, not 0
    const max = await query(hf, "latency", { agg: "max" });
    expect(values(max, "p99").slice(0, 2)).toEqual([70, 70]);
    const r2 = await query(hf, "latency", { replica: "r2" });
    expect(values(r2, "p50").slice(0, 2)).toEqual([30, 30]);
  });

  it("latency: only the quantiles asked for, the same values, and only their series read", async () => {
    const read: string[] = [];
    const counting = createStoreBackend({
      ...store,
      eachWindows: (q, visit) =>
        store.eachWindows(q, (windows) => {
          read.push(windows.labels.quantile ?? "");
          visit(windows);
        }),
    });
    const all = await query(hf, "latency");
    const p99 = await counting.queryPanel(hf, {
      panel: "latency",
      fromMs: T0 + 2 * MIN,
      toMs: T0 + 12 * MIN,
      stepMs: MIN,
      quantiles: ["p99"],
    });
    expect(p99.series).toEqual(all.series.filter((s) => s.name === "p99"));
    expect(read).toEqual(["0.99", "0.99"]); // one series a replica, the medians not read
    // From histograms every bucket is read, and the answer still holds only what was asked.
    const dbxP95 = await query(dbx, "latency", { stepMs: 2 * MIN, quantiles: ["p50", "p95"] });
    expect(dbxP95.series.map((s) => s.name)).toEqual(["p50", "p95"]);
    expect(values(dbxP95, "p95")[0]).toBe(90);
  });

  it("pending: summed over replicas, or one per replica", async () => {
    const sum = await query(hf, "pending");
    expect(values(sum, "pending")).toEqual([7, 7, 7, 7, 7, 7, 7, 2, 2, null, null]);
    const per = await query(hf, "pending", { by: "replica" });
    expect(per.series.map((s) => [s.name, s.labels])).toEqual([
      ["r1", { replica: "r1" }],
      ["r2", { replica: "r2" }],
    ]);
    expect(values(per, "r2")[7]).toBeNull();
  });

  it("per replica, leaves out replicas with no sample in the range", async () => {
    // r2 stops after 7.5 min: a range starting at 9 min has r1 alone.
    const late = await query(hf, "pending", { by: "replica", fromMs: T0 + 9 * MIN });
    expect(late.series.map((s) => s.name)).toEqual(["r1"]);
  });

  it("cpu and gpu: the mean over replicas and GPUs, or one series each", async () => {
    expect(values(await query(hf, "cpu"), "avg")).toEqual([50, 50, 50, 50, 50, 50, 50, 40, 40, null, null]);
    expect(values(await query(hf, "gpu"), "avg")[0]).toBe(50);
    const per = await query(hf, "gpu", { by: "replica" });
    expect(per.series.map((s) => [s.name, s.labels])).toEqual([
      ["r1/0", { replica: "r1", gpu: "0" }],
      ["r1/1", { replica: "r1", gpu: "1" }],
      ["r2/0", { replica: "r2", gpu: "0" }],
    ]);
    expect(values(await query(hf, "cpu", { replica: "r2" }), "avg")[0]).toBe(60);
  });

  it("replicas: distinct replicas reporting, and the max line", async () => {
    const r = await query(hf, "replicas");
    expect(values(r, "running")).toEqual([2, 2, 2, 2, 2, 2, 2, 1, 1, null, null]);
    expect(values(r, "max")).toEqual(Array(11).fill(4));
    expect(values(await query(hf, "replicas", { replica: "r2" }), "running")[7]).toBeNull();
    expect(values(await query(hf, "replicas", { replica: "nope" }), "running")).toEqual(nulls(11));
  });

  it("not reported: a reason and no series, never zeros", async () => {
    for (const panel of ["memory", "vram", "concurrency"] as const) {
      const r = await query(hf, panel);
      expect(r.notReported).toBe("not reported by Hugging Face");
      expect(r.series).toEqual([]);
    }
  });

  it("a 15-minute window still open reads as the rate of what has elapsed, not ÷ the whole step", async () => {
    // The data ends at 10 min: (0, 15 min] is read from the 15-minute roll-up, its last window from
    // raw. ÷ 900 s it would read 1,455 requests as 1.617 req/s and 117 errors as 0.13.
    const r = await query(hf, "requests", { fromMs: T0 + 15 * MIN, toMs: T0 + 15 * MIN, stepMs: 15 * MIN });
    expect(values(r, "2xx")).toEqual([3]);
    expect(values(r, "5xx")).toEqual([0.2]);
  });

  it("reads the same rates from the 5-minute roll-up", async () => {
    const r = await query(hf, "requests", { fromMs: T0 + 5 * MIN, toMs: T0 + 15 * MIN, stepMs: 5 * MIN });
    // The first window misses each series' first increment (no sample before it): r1 19 × 15,
    // r2 18 × 30 plus 30 after its restart → 855 / 300 s.
    expect(values(r, "2xx")).toEqual([2.85, 2, null]);
    expect(values(r, "5xx")).toEqual([0.19, 0.2, null]);
  });
});

describe("Databricks style", () => {
  it("requests: per-minute gauges ÷ 60, 2xx = all − 4xx − 5xx", async () => {
    const r = await query(dbx, "requests");
    expect(r.series.map((s) => s.name)).toEqual(["2xx", "4xx", "5xx"]);
    expect(values(r, "2xx")).toEqual([8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, null, null]);
    expect(values(r, "4xx")[0]).toBe(1);
    expect(values(r, "5xx")[0]).toBe(0.5);
    expect((await query(dbx, "requests", { by: "code" })).series.map((s) => s.name)).toEqual(["2xx", "4xx", "5xx"]);
  });

  it("latency: per-minute buckets summed over the window, then histogram_quantile", async () => {
    const r = await query(dbx, "latency", { stepMs: 2 * MIN });
    expect(values(r, "p50")[0]).toBe(30);
    expect(values(r, "p90")[0]).toBe(80);
    expect(values(r, "p95")[0]).toBe(90);
    expect(values(r, "p99")[0]).toBe(98);
    expect(values(r, "p99").slice(-1)).toEqual([null]);
  });

  it("cpu, per-GPU usage and provisioned concurrency", async () => {
    expect(values(await query(dbx, "cpu"), "avg")[0]).toBe(30);
    expect(values(await query(dbx, "gpu"), "avg")[0]).toBe(42.5);
    expect((await query(dbx, "gpu", { by: "replica" })).series.map((s) => s.name)).toEqual(["gpu0", "gpu1"]);
    expect(values(await query(dbx, "concurrency"), "provisioned")[0]).toBe(8);
    // One replica of a platform without per-replica data: the aggregate still answers.
    expect(values(await query(dbx, "cpu", { replica: "x" }), "avg")[0]).toBe(30);
  });

  it("pending is not reported; replicas come from the endpoint state when known", async () => {
    expect((await query(dbx, "pending")).notReported).toBe("not reported by Databricks");
    expect((await query(dbx, "replicas")).notReported).toBe("not reported by Databricks");
    const scaled = makeEndpoint("dbx.scorer", "databricks", { scaling: { readyReplicas: 2, maxReplicas: 4 } });
    const r = await query(scaled, "replicas");
    expect(values(r, "running")[0]).toBe(2);
    expect(values(r, "max")[0]).toBe(4);
    expect(r.warnings?.length).toBe(1);
  });
});

describe("limits and figures", () => {
  it("answers a step the point cap coarsened", async () => {
    const params = { panel: "cpu" as const, from: T0 - 30 * 24 * 3600 * S, to: T0 + 12 * MIN, step: S };
    const resolved = resolvePanelQuery(params, { nowMs: T0 + 12 * MIN, scrapeIntervalMs: 15 * S });
    const r = await query(hf, "cpu", resolved);
    expect(r.stepMs).toBe(3600 * S);
    expect(r.series[0]?.points.length).toBeLessThanOrEqual(1000);
    // The last hour: r1 averages 40, r2 60; the panel is the mean of the replicas' averages.
    expect(r.series[0]?.points.at(-1)).toEqual([T0 + 3600 * S, 50]);
  });

  it("headline figures over the last five minutes", async () => {
    const h = await headlineFigures(backend, hf, T0 + 7 * MIN);
    expect(h.requestRate).toBeCloseTo(3.2, 10);
    expect(h.errorRate).toBeCloseTo(0.2 / 3.2, 10);
    expect(h.p99Ms).toBe(60);
    expect(h.cpuPct).toBe(50);
    const d = await headlineFigures(backend, dbx, T0 + 7 * MIN);
    expect(d).toEqual({ requestRate: 10, errorRate: 0.05, p99Ms: 98, cpuPct: 30, ttftP95Ms: null, tokenRate: null });
    const idle = await headlineFigures(backend, makeEndpoint("none", "openmetrics"), T0);
    expect(idle).toEqual(Object.fromEntries(Object.keys(HeadlineSchema.shape).map((key) => [key, null])));
  });

  it("sparkline: total request rate over the last hour, a point a minute", async () => {
    const { fromMs, stepMs, values } = await sparkline(backend, hf, T0 + 7 * MIN);
    expect(values).toHaveLength(61);
    expect(stepMs).toBe(MIN);
    expect(fromMs + 60 * stepMs).toBe(T0 + 7 * MIN);
    expect(values.at(-1)).toBeCloseTo(3.2, 10);
    expect(values[0]).toBeNull();
    // Rounded for a 24-pixel line: no value carries more than 4 significant digits.
    expect(values.filter((v) => v !== null && Number(v.toPrecision(4)) !== v)).toEqual([]);
    expect(values.some((v) => v !== null && !Number.isInteger(v))).toBe(true);
  });
});
