import { familyHeader, formatLabels } from "./exposition";
import { findHuggingFaceEndpoint, replicaScheduleOf, type HuggingFaceTraffic } from "./huggingface-catalog";
import { huggingFaceStatusOf } from "./huggingface-state";
import { integrateOnGrid, type ReplicaRun, type ReplicaSchedule } from "./replicas";
import { jitter, latencyMeanMs, latencyQuantileMs, loadAt, MINUTE_MS, rateAt, requestsBetween } from "./traffic";

const QUANTILES = ["0.5", "0.9", "0.95", "0.99"];
const COLD_START_503S = 8;

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

/** Requests one replica has answered since its process started: the integral of its share of the rate. */
function requestsOf(replica: ReplicaRun, schedule: ReplicaSchedule, serving: HuggingFaceTraffic, atMs: number): number {
  return integrateOnGrid(schedule.gridMs, replica.processStartMs, atMs, (grid, from, to) => {
    const replicas = Math.max(1, schedule.countAt(grid));
    return requestsBetween(serving.traffic, from, to) / replicas;
  });
}

function counterRows(replica: ReplicaRun, schedule: ReplicaSchedule, serving: HuggingFaceTraffic, atMs: number) {
  const requests = requestsOf(replica, schedule, serving, atMs);
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

/**
 * What `GET /v2/endpoint/{namespace}/{name}/open-metrics` answers at `atMs` (OpenMetrics text, per
 * replica, `# EOF`). Counters are exact integrals of the simulated rate since each replica's process
 * started, so rates between any two renders are right. Null when no replica is ready.
 */
export function renderHuggingFaceMetrics(endpointName: string, atMs: number): string | null {
  const def = findHuggingFaceEndpoint(endpointName);
  const serving = def?.serving;
  if (!def || !serving) return null;
  const { replicas } = huggingFaceStatusOf(def, atMs);
  if (replicas.length === 0) return null;
  const schedule = replicaScheduleOf(def, serving);
  const name = def.name;
  const load = loadAt(serving.traffic, atMs);
  const perReplicaRps =
    rateAt(serving.traffic, atMs) / Math.max(1, schedule.countAt(Math.floor(atMs / schedule.gridMs)));
  const medianMs = serving.latencyMedianMs * (0.8 + 0.25 * load);
  const lines: string[] = [];
  const perReplica = (metric: string, value: (replica: ReplicaRun) => number, extra: Record<string, string> = {}) =>
    replicas.map((r) => `${metric}${formatLabels({ replica_id: r.id, ...extra })} ${formatValue(value(r))}`);
  const wobble = (replica: ReplicaRun, what: string) => jitter(name, atMs, replica.id, what);

  const counters = replicas.map((replica) => ({ replica, rows: counterRows(replica, schedule, serving, atMs) }));
  const total = counters.reduce((sum, { rows }) => sum + rows.reduce((s, [, v]) => s + v, 0), 0);
  lines.push(...familyHeader("latency_distribution", "summary", "Latency distribution"));
  for (const q of QUANTILES) {
    lines.push(`latency_distribution{quantile="${q}"} ${formatValue(latencyQuantileMs(medianMs, Number(q)) / 1000)}`);
  }
  lines.push(`latency_distribution_count ${total}`);
  lines.push(`latency_distribution_sum ${formatValue((total * latencyMeanMs(medianMs)) / 1000)}`);

  lines.push(...familyHeader("http_requests", "counter", "HTTP requests by code and replicas"));
  for (const { replica, rows } of counters) {
    for (const [code, value] of rows) {
      lines.push(`http_requests${formatLabels({ replica_id: replica.id, status_code: code })} ${value}`);
    }
  }
  const clamp = (value: number) => Math.min(100, Math.max(0, value));
  const utilisation = perReplicaRps / serving.perReplicaRps;
  lines.push(...familyHeader("cpu_usage_percent", "gauge", "CPU percent", "percent"));
  lines.push(...perReplica("cpu_usage_percent", (r) => clamp(10 + 60 * utilisation + 5 * wobble(r, "cpu"))));
  lines.push(...familyHeader("memory_usage_percent", "gauge", "Memory percent", "percent"));
  lines.push(...perReplica("memory_usage_percent", (r) => clamp(35 + 15 * utilisation + 2 * wobble(r, "mem"))));
  if (def.compute.accelerator === "gpu") {
    lines.push(...familyHeader("gpu_usage_percent", "gauge", "GPU percent", "percent"));
    lines.push(
      ...perReplica("gpu_usage_percent", (r) => clamp(5 + 80 * utilisation + 5 * wobble(r, "gpu")), { gpu: "0" }),
    );
    lines.push(...familyHeader("gpu_memory_usage_percent", "gauge", "GPU memory (VRAM) percent", "percent"));
    lines.push(
      ...perReplica("gpu_memory_usage_percent", (r) => clamp(68 + 8 * utilisation + wobble(r, "vram")), { gpu: "0" }),
    );
  }
  // Little's law: in flight = arrival rate × time in system.
  lines.push(...familyHeader("pending_requests", "gauge", "Requests received and not yet answered"));
  lines.push(
    ...perReplica("pending_requests", (r) =>
      Math.max(0, Math.round(perReplicaRps * (latencyMeanMs(medianMs) / 1000) * (1 + 0.3 * wobble(r, "pending")))),
    ),
  );
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}
