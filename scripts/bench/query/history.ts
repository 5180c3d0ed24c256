import type { CanonicalMetric } from "../../../lib/model/canonical";
import type { DiscoveredEndpoint } from "../../../lib/model/endpoint";
import { makeEndpoint } from "../../../test-support/endpoints";

export const S = 1000;
export const HOUR = 3600 * S;
export const DAY = 24 * HOUR;
export const DAYS = Number(process.env.BENCH_DAYS ?? 30);
// 16 replicas, as a mid-sized Hugging Face endpoint at its peak; BENCH_REPLICAS=8 halves the run.
export const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 16);
export const CHUNK_MS = 2 * HOUR;
export const NOW = Math.floor(Date.now() / HOUR) * HOUR;
export const START = NOW - DAYS * DAY;

/** The scrape interval sets the Prometheus backend's rate window, as for a discovered endpoint. */
const scraped = (endpoint: DiscoveredEndpoint, intervalS: number): DiscoveredEndpoint => ({
  ...endpoint,
  scrape: { url: `https://bench.invalid/${endpoint.id}/metrics`, intervalS },
});
export const hf = scraped(makeEndpoint("bench.hf", "huggingface", { scaling: { maxReplicas: REPLICAS } }), 15);
export const dbx = scraped(makeEndpoint("bench.dbx", "databricks"), 60);

export interface SeriesDef {
  endpointId: string;
  metric: CanonicalMetric;
  labels: Record<string, string> & { replica: string };
  intervalMs: number;
  /** Value at sample index i (state kept in the closure: counters accumulate). */
  next: (i: number, t: number) => number;
}

/** Cheap deterministic noise in [0, 1). */
function noise(seed: number, i: number): number {
  const x = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const diurnal = (t: number) => 1 + 0.5 * Math.sin((2 * Math.PI * t) / DAY);

export function defineSeries(): SeriesDef[] {
  const defs: SeriesDef[] = [];
  let seed = 1;
  const add = (d: Omit<SeriesDef, "next">, make: (seed: number) => SeriesDef["next"]) =>
    defs.push({ ...d, next: make(seed++) });
  for (let r = 0; r < REPLICAS; r++) {
    const replica = `r${String(r).padStart(2, "0")}`;
    const base = { endpointId: hf.id, intervalMs: 15 * S };
    for (const [code, share] of [
      ["200", 1],
      ["429", 0.01],
      ["500", 0.005],
    ] as const) {
      add({ ...base, metric: "requests_total", labels: { replica, code } }, (sd) => {
        let total = 0;
        return (i, t) => {
          if (i % (4 * 5760) === 5760 * (r % 4)) total = 0; // a restart every four days
          total += Math.round(15 * 20 * share * diurnal(t) * (0.5 + noise(sd, i)));
          return total;
        };
      });
    }
    for (const [quantile, factor] of [
      ["0.5", 1],
      ["0.9", 2],
      ["0.95", 3],
      ["0.99", 5],
    ] as const) {
      add(
        { ...base, metric: "latency_quantile_ms", labels: { replica, quantile } },
        (sd) => (i) => Math.round(40 * factor * (1 + noise(sd, i)) * 100) / 100,
      );
    }
    add({ ...base, metric: "pending_requests", labels: { replica } }, (sd) => (i) => Math.floor(10 * noise(sd, i)));
    for (const metric of ["cpu_percent", "memory_percent"] as const) {
      add(
        { ...base, metric, labels: { replica } },
        (sd) => (i, t) => Math.round(30 * diurnal(t) * (1 + noise(sd, i)) * 100) / 100,
      );
    }
    for (const metric of ["gpu_percent", "vram_percent"] as const) {
      add(
        { ...base, metric, labels: { replica, gpu: "0" } },
        (sd) => (i) => Math.round(100 * noise(sd, i) * 100) / 100,
      );
    }
  }
  const per = { endpointId: dbx.id, intervalMs: 60 * S };
  const all = "all";
  for (const [cls, share] of [
    ["all", 1],
    ["4xx", 0.02],
    ["5xx", 0.01],
  ] as const) {
    add(
      { ...per, metric: "requests_per_minute", labels: { replica: all, class: cls } },
      (sd) => (i, t) => Math.round(1200 * share * diurnal(t) * (0.5 + noise(sd, i))),
    );
  }
  const les = [
    "5",
    "10",
    "25",
    "50",
    "100",
    "250",
    "500",
    "1000",
    "2500",
    "5000",
    "10000",
    "30000",
    "60000",
    "600000",
    "+Inf",
  ];
  les.forEach((le, j) =>
    add(
      { ...per, metric: "latency_bucket_ms", labels: { replica: all, le } },
      () => (i, t) => Math.round(1200 * diurnal(t) * Math.min(1, (j + 1) / 8) * (1 - 0.1 * noise(99, i))),
    ),
  );
  for (const [metric, gpu] of [
    ["cpu_percent"],
    ["memory_percent"],
    ["gpu_percent", "gpu0"],
    ["gpu_percent", "gpu1"],
    ["vram_percent", "gpu0"],
    ["vram_percent", "gpu1"],
    ["provisioned_concurrency"],
  ] as const) {
    const labels: SeriesDef["labels"] = gpu ? { replica: all, gpu } : { replica: all };
    add({ ...per, metric, labels }, (sd) => (i) => Math.round(100 * noise(sd, i) * 100) / 100);
  }
  return defs;
}

/** Values of every series for one 2-hour chunk: chunk[series][k] at times start + (k+1)·interval. */
export function generateChunk(defs: SeriesDef[], chunkStart: number): Float64Array[] {
  return defs.map((d) => {
    const n = CHUNK_MS / d.intervalMs;
    const values = new Float64Array(n);
    const i0 = (chunkStart - START) / d.intervalMs;
    for (let k = 0; k < n; k++) values[k] = d.next(i0 + k + 1, chunkStart + (k + 1) * d.intervalMs);
    return values;
  });
}

const HF_NAMES: Partial<Record<CanonicalMetric, string>> = {
  requests_total: "http_requests",
  latency_quantile_ms: "latency_distribution",
  pending_requests: "pending_requests",
  cpu_percent: "cpu_usage_percent",
  memory_percent: "memory_usage_percent",
  gpu_percent: "gpu_usage_percent",
  vram_percent: "gpu_memory_usage_percent",
};
const DBX_NAMES: Partial<Record<CanonicalMetric, string>> = {
  latency_bucket_ms: "request_latency_ms_bucket",
  cpu_percent: "cpu_usage_percentage",
  memory_percent: "mem_usage_percentage",
  gpu_percent: "gpu_usage_percentage",
  vram_percent: "gpu_memory_usage_percentage",
  provisioned_concurrency: "provisioned_concurrent_requests_total",
};
const DBX_REQUESTS: Record<string, string> = {
  all: "request_count_total",
  "4xx": "request_4xx_count_total",
  "5xx": "request_5xx_count_total",
};

/**
 * A series as the platform itself names it, with the labels Servescope's generated prometheus.yml
 * adds: what Prometheus would have scraped, so the Prometheus backend's PromQL reads it unchanged.
 */
export function upstreamOf(d: SeriesDef): { name: string; labels: Record<string, string>; scale: number } {
  const { replica, code, class: requestClass, ...rest } = d.labels;
  const target = { provider: d.endpointId === hf.id ? "huggingface" : "databricks", endpoint: d.endpointId };
  if (d.endpointId === hf.id) {
    const labels = { ...target, replica_id: replica, ...rest, ...(code ? { status_code: code } : {}) };
    return { name: HF_NAMES[d.metric]!, labels, scale: d.metric === "latency_quantile_ms" ? 1 / 1000 : 1 };
  }
  const name = d.metric === "requests_per_minute" ? DBX_REQUESTS[requestClass ?? ""] : DBX_NAMES[d.metric];
  if (!name) throw new Error(`no Databricks name for ${d.metric}`);
  return { name, labels: { ...target, ...rest }, scale: 1 };
}

/** One 2-hour chunk as OpenMetrics in the platforms' names: each family in one block, seconds. */
export function toOpenMetrics(defs: SeriesDef[], chunk: Float64Array[], chunkStart: number): string {
  const lines: string[] = [];
  const upstream = defs.map(upstreamOf);
  const familyOrder = defs.map((_, s) => s).sort((a, b) => upstream[a]!.name.localeCompare(upstream[b]!.name));
  for (const s of familyOrder) {
    const { name, labels, scale } = upstream[s]!;
    const labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    const values = chunk[s]!;
    const intervalMs = defs[s]!.intervalMs;
    for (let k = 0; k < values.length; k++) {
      lines.push(`${name}{${labelText}} ${values[k]! * scale} ${(chunkStart + (k + 1) * intervalMs) / 1000}`);
    }
  }
  return `${lines.join("\n")}\n# EOF\n`;
}
