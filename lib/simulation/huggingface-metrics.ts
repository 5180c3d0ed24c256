import { familyHeader } from "./exposition";
import { findHuggingFaceEndpoint, replicaScheduleOf, type HuggingFaceTraffic } from "./huggingface-catalog";
import { plateauLoadOf, replicaGaugesOf, type ReplicaGauges } from "./huggingface-gauges";
import { huggingFaceStatusOf } from "./huggingface-state";
import { plateauOf } from "./plateau";
import { requestsPerReplica } from "./replica-requests";
import type { ReplicaRun, ReplicaSchedule } from "./replicas";
import { latencyMeanMs, latencyQuantileMs, MINUTE_MS } from "./traffic";

const QUANTILES = ["0.5", "0.9", "0.95", "0.99"];
const COLD_START_503S = 8;

/** Six decimals: finer than the simulation means (1 µs, 1e-6 %), and faster than shortest round-trip printing. */
function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(6);
}

function counterRows(replica: ReplicaRun, schedule: ReplicaSchedule, serving: HuggingFaceTraffic, atMs: number) {
  const requests = requestsPerReplica(schedule, replica.processStartMs, atMs);
  const rows: Array<[string, number]> = [
    ["200", Math.floor(requests * (1 - serving.ratio4xx - serving.ratio5xx))],
    ["400", Math.floor(requests * serving.ratio4xx)],
    ["500", Math.floor(requests * serving.ratio5xx)],
  ];
  // Requests that arrived while scaled to zero are answered 503 as the first replica starts.
  if (serving.coldStarts && replica.slot === 0 && replica.processStartMs === replica.runStartMs) {
    rows.push(["503", Math.round(COLD_START_503S * Math.min(1, (atMs - replica.runStartMs) / MINUTE_MS))]);
  }
  return rows;
}

interface ReplicaRows {
  /** `replica_id="…"`: ids are letters, digits and a dash, nothing to escape. */
  label: string;
  counters: Array<[string, number]>;
  gauges: ReplicaGauges;
}

/**
 * What `GET /v2/endpoint/{namespace}/{name}/open-metrics` answers at `atMs` (OpenMetrics text, per
 * replica, `# EOF`). Counters are exact integrals of the simulated rate since each replica's process
 * started, so rates between any two renders are right. Gauges and quantiles hold for a 15 s plateau,
 * so scrapers at different instants agree. Null when no replica is ready.
 */
export function renderHuggingFaceMetrics(endpointName: string, atMs: number): string | null {
  const def = findHuggingFaceEndpoint(endpointName);
  const serving = def?.serving;
  if (!def || !serving) return null;
  const { replicas } = huggingFaceStatusOf(def, atMs);
  if (replicas.length === 0) return null;
  const schedule = replicaScheduleOf(def, serving);
  const load = plateauLoadOf(serving, schedule, plateauOf(atMs));
  const rows: ReplicaRows[] = replicas.map((replica) => ({
    label: `replica_id="${replica.id}"`,
    counters: counterRows(replica, schedule, serving, atMs),
    gauges: replicaGaugesOf(def.name, serving, load, replica.id),
  }));
  const lines: string[] = [];
  const perReplica = (metric: string, gauge: (gauges: ReplicaGauges) => number, extra = "") => {
    for (const { label, gauges } of rows) lines.push(`${metric}{${label}${extra}} ${formatValue(gauge(gauges))}`);
  };

  const total = rows.reduce((sum, { counters }) => sum + counters.reduce((s, [, v]) => s + v, 0), 0);
  lines.push(...familyHeader("latency_distribution", "summary", "Latency distribution"));
  for (const q of QUANTILES) {
    const seconds = latencyQuantileMs(load.latencyMedianMs, Number(q)) / 1000;
    lines.push(`latency_distribution{quantile="${q}"} ${formatValue(seconds)}`);
  }
  lines.push(`latency_distribution_count ${total}`);
  lines.push(`latency_distribution_sum ${formatValue((total * latencyMeanMs(load.latencyMedianMs)) / 1000)}`);

  lines.push(...familyHeader("http_requests", "counter", "HTTP requests by code and replicas"));
  for (const { label, counters } of rows) {
    for (const [code, value] of counters) lines.push(`http_requests{${label},status_code="${code}"} ${value}`);
  }
  lines.push(...familyHeader("cpu_usage_percent", "gauge", "CPU percent", "percent"));
  perReplica("cpu_usage_percent", (g) => g.cpuPercent);
  lines.push(...familyHeader("memory_usage_percent", "gauge", "Memory percent", "percent"));
  perReplica("memory_usage_percent", (g) => g.memoryPercent);
  if (def.compute.accelerator === "gpu") {
    lines.push(...familyHeader("gpu_usage_percent", "gauge", "GPU percent", "percent"));
    perReplica("gpu_usage_percent", (g) => g.gpuPercent, ',gpu="0"');
    lines.push(...familyHeader("gpu_memory_usage_percent", "gauge", "GPU memory (VRAM) percent", "percent"));
    perReplica("gpu_memory_usage_percent", (g) => g.vramPercent, ',gpu="0"');
  }
  lines.push(...familyHeader("pending_requests", "gauge", "Requests received and not yet answered"));
  perReplica("pending_requests", (g) => g.pendingRequests);
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}
