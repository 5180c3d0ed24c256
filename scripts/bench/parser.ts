/**
 * `npm run bench:parser`: the exposition parser against two npm parsers and a bare character scan, on payloads
 * shaped like Hugging Face (4, 64, 512 replicas), Databricks (with GPUs) and a 5 MB mix. Times are CPU time
 * (user + system, so other processes on a shared machine barely count) and the best of several repeats.
 */
import { createRequire } from "node:module";
import { parseExposition } from "@/lib/openmetrics/parse";

interface Prom2JsonMetric {
  value?: string;
  buckets?: Record<string, string>;
  quantiles?: Record<string, string>;
  count?: string;
  sum?: string;
}
type OtherParser = (text: string) => { metrics: Prom2JsonMetric[] }[];

// Both packages are CommonJS without type declarations.
const require = createRequire(import.meta.url);
const parsePrometheusTextFormat = require("parse-prometheus-text-format") as OtherParser;
const exposition = require("exposition") as { parse: OtherParser };

const STATUS_CODES = ["200", "201", "400", "404", "429", "500", "503"];
const QUANTILES = ["0.5", "0.9", "0.95", "0.99"];
const LATENCY_BUCKETS = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];

/** Hugging Face style: per replica a request counter by status, a labelled summary and histogram, gauges. */
function huggingFacePayload(replicas: number, prefix = "", openMetrics = true): string {
  const ids = Array.from({ length: replicas }, (_, i) => `${(i * 7919).toString(36).padStart(8, "x")}-r${i}`);
  const lines: string[] = [];
  const family = (name: string, type: string, help: string) => {
    lines.push(`# HELP ${prefix}${name} ${help}`, `# TYPE ${prefix}${name} ${type}`);
  };
  family("http_requests", "counter", "HTTP requests by code and replicas");
  for (const id of ids) {
    for (const [k, code] of STATUS_CODES.entries()) {
      lines.push(
        `${prefix}http_requests{replica_id="${id}",status_code="${code}"} ${(id.length * 131 + k * 977) % 50000}`,
      );
    }
  }
  family("latency_distribution", "summary", "Latency distribution");
  for (const [r, id] of ids.entries()) {
    for (const [k, q] of QUANTILES.entries()) {
      lines.push(`${prefix}latency_distribution{replica_id="${id}",quantile="${q}"} 0.00${6339 + r * 13 + k * 1021}`);
    }
    lines.push(`${prefix}latency_distribution_sum{replica_id="${id}"} ${(r * 0.0421).toFixed(6)}`);
    lines.push(`${prefix}latency_distribution_count{replica_id="${id}"} ${r * 4 + 4}`);
  }
  family("request_duration_seconds", "histogram", "Request duration");
  for (const [r, id] of ids.entries()) {
    for (const [k, le] of LATENCY_BUCKETS.entries()) {
      lines.push(`${prefix}request_duration_seconds_bucket{replica_id="${id}",le="${le}"} ${k * 10 + r}`);
    }
    lines.push(`${prefix}request_duration_seconds_sum{replica_id="${id}"} ${r * 1.37 + 0.5}`);
    lines.push(`${prefix}request_duration_seconds_count{replica_id="${id}"} ${110 + r}`);
  }
  for (const gauge of ["cpu_usage_percent", "memory_usage_percent", "gpu_usage_percent", "pending_requests"]) {
    family(gauge, "gauge", gauge.replaceAll("_", " "));
    for (const [r, id] of ids.entries()) lines.push(`${prefix}${gauge}{replica_id="${id}"} ${(r * 3.7) % 100}`);
  }
  if (openMetrics) lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}

/** Databricks style: per-minute gauges with millisecond timestamps, a latency histogram, one series per GPU. */
function databricksPayload(gpus: number, prefix = ""): string {
  const ts = 1788718020000;
  const lines: string[] = [];
  for (const name of [
    "cpu_usage_percentage",
    "mem_usage_percentage",
    "request_count_total",
    "request_4xx_count_total",
  ]) {
    lines.push(`# HELP ${prefix}${name} ${name} during the last minute`, `# TYPE ${prefix}${name} gauge`);
    lines.push(`${prefix}${name} ${(name.length * 1.731).toFixed(3)} ${ts}`);
  }
  lines.push(`# HELP ${prefix}request_latency_ms Latency`, `# TYPE ${prefix}request_latency_ms histogram`);
  for (const [k, le] of ["5.0", "10.0", "25.0", "50.0", "100.0", "250.0", "1000.0", "60000.0", "+Inf"].entries()) {
    lines.push(`${prefix}request_latency_ms_bucket{le="${le}"} ${k * 140}.0 ${ts}`);
  }
  lines.push(`${prefix}request_latency_ms_sum 48510.0 ${ts}`, `${prefix}request_latency_ms_count 1120.0 ${ts}`);
  for (const name of ["gpu_usage_percentage", "gpu_memory_usage_percentage"]) {
    lines.push(`# HELP ${prefix}${name} ${name} per GPU`, `# TYPE ${prefix}${name} gauge`);
    for (let g = 0; g < gpus; g++) lines.push(`${prefix}${name}{gpu="gpu${g}"} ${40 + g * 1.3} ${ts}`);
  }
  return `${lines.join("\n")}\n`;
}

/** About 5 MB of Prometheus text: Hugging Face and Databricks blocks of distinct services, one after another. */
function mixedPayload(targetBytes: number): string {
  const blocks: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const block = i % 3 === 2 ? databricksPayload(8, `svc${i}_`) : huggingFacePayload(48, `svc${i}_`, false);
    blocks.push(block);
    bytes += block.length;
  }
  return blocks.join("");
}

/** Samples as the npm parsers return them: a value, or a summary's quantiles or a histogram's buckets plus sum and count. */
function countOtherSamples(families: { metrics: Prom2JsonMetric[] }[]): number {
  let count = 0;
  for (const family of families) {
    for (const metric of family.metrics) {
      if (metric.value !== undefined) count++;
      count += Object.keys(metric.buckets ?? {}).length + Object.keys(metric.quantiles ?? {}).length;
      if (metric.sum !== undefined) count++;
      if (metric.count !== undefined) count++;
    }
  }
  return count;
}

/** The scan's running sum, kept where the optimiser cannot prove it unused. */
export let scanChecksum = 0;

const contenders: { name: string; run: (text: string) => number }[] = [
  {
    name: "servescope parseExposition",
    run: (text) => parseExposition(text).families.reduce((n, family) => n + family.samples.length, 0),
  },
  { name: "parse-prometheus-text-format", run: (text) => countOtherSamples(parsePrometheusTextFormat(text)) },
  { name: "exposition", run: (text) => countOtherSamples(exposition.parse(text)) },
  {
    name: "charCodeAt scan",
    run: (text) => {
      let sum = 0;
      for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
      scanChecksum ^= sum;
      return 0;
    },
  },
];

/** Fewest CPU seconds per call over 15 measurements, each batching enough calls to last about 50 ms. */
function timeIt(run: () => void): number {
  for (let i = 0; i < 3; i++) run();
  const once = measure(run, 1);
  const batch = Math.max(1, Math.ceil(0.05 / once));
  return Math.min(...Array.from({ length: 15 }, () => measure(run, batch)));
}

/** CPU seconds per call: wall-clock time would count whatever else the machine is running. */
function measure(run: () => void, calls: number): number {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6 / calls;
}

const payloads: [name: string, text: string][] = [
  ["Hugging Face, 4 replicas", huggingFacePayload(4)],
  ["Hugging Face, 64 replicas", huggingFacePayload(64)],
  ["Hugging Face, 512 replicas", huggingFacePayload(512)],
  ["Databricks, 8 GPUs", databricksPayload(8)],
  ["5 MB mixed", mixedPayload(5 * 1024 * 1024)],
];

const speeds = new Map<string, number>();
for (const [payloadName, text] of payloads) {
  const megabytes = Buffer.byteLength(text) / 1e6;
  console.log(`\n${payloadName}: ${(megabytes * 1000).toFixed(1)} kB`);
  const expected = contenders[0]!.run(text);
  for (const contender of contenders) {
    let samples: number;
    try {
      samples = contender.run(text);
    } catch (error) {
      console.log(`  ${contender.name.padEnd(30)} failed: ${(error as Error).message}`);
      continue;
    }
    const seconds = timeIt(() => contender.run(text));
    const isScan = contender.name === "charCodeAt scan";
    const samplesNote = isScan ? "" : `${samples} samples${samples < expected ? ` (loses ${expected - samples})` : ""}`;
    const samplesPerSecond = isScan ? "" : `${(samples / seconds / 1e6).toFixed(2)} M samples/s`.padStart(18);
    console.log(
      `  ${contender.name.padEnd(30)} ${(megabytes / seconds).toFixed(1).padStart(8)} MB/s ${samplesPerSecond}  ${samplesNote}`,
    );
    if (payloadName === "5 MB mixed") speeds.set(contender.name, megabytes / seconds);
  }
}

const ours = speeds.get("servescope parseExposition")!;
const ratio = (name: string) => (speeds.has(name) ? `${(ours / speeds.get(name)!).toFixed(1)}x` : "n/a");
console.log(
  `\n5 MB mixed: ${ours.toFixed(1)} MB/s, ${ratio("parse-prometheus-text-format")} parse-prometheus-text-format, ` +
    `${ratio("exposition")} exposition, ${((ours / speeds.get("charCodeAt scan")!) * 100).toFixed(0)}% of the character scan`,
);
