import { findDatabricksEndpoint, type DatabricksMetricsProfile } from "./databricks-catalog";
import { familyHeader, formatFloat, formatLabels } from "./exposition";
import { DEFAULT_SIMULATION, type SimulationOptions } from "./options";
import { minuteRequests } from "./databricks-requests";
import { jitter, latencyCdf, latencyMeanMs, loadAt, MINUTE_MS } from "./traffic";

const LATENCY_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 600000].map(
  (boundMs) => ({ boundMs, prefix: `request_latency_ms_bucket{le="${formatFloat(boundMs)}"} ` }),
);

/** `stamp` is " <endMs>", printed once per render rather than per sample. */
function gauge(name: string, help: string, rows: Array<[Record<string, string>, number]>, stamp: string): string[] {
  return [
    ...familyHeader(name, "gauge", help),
    ...rows.map(([labels, value]) => `${name}${formatLabels(labels)} ${formatFloat(value)}${stamp}`),
  ];
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function renderMinute(
  name: string,
  profile: DatabricksMetricsProfile,
  endMs: number,
  options: SimulationOptions,
): string {
  const startMs = endMs - MINUTE_MS;
  const { count, count4xx, count5xx, incident } = minuteRequests(profile, startMs, options);
  const load = loadAt(profile.traffic, startMs);
  const medianMs = profile.latencyMedianMs * (0.8 + 0.25 * load) * (incident ? 3 : 1);
  const lines: string[] = [];
  const stamp = ` ${endMs}`;

  if (profile.resources) {
    const cpu = clampPercent(8 + 35 * load + 3 * jitter(name, startMs, "cpu"));
    const memory = clampPercent(30 + 8 * load + jitter(name, startMs, "mem"));
    lines.push(
      ...gauge(
        "cpu_usage_percentage",
        "Average CPU utilization used across all replicas during the last minute",
        [[{}, cpu]],
        stamp,
      ),
    );
    lines.push(
      ...gauge(
        "mem_usage_percentage",
        "Average memory utilization used across all replicas during the last minute",
        [[{}, memory]],
        stamp,
      ),
    );
  }
  if (profile.provisionedConcurrency) {
    const { min, max } = profile.provisionedConcurrency;
    const provisioned = Math.min(max, Math.max(min, Math.round(min * load)));
    lines.push(
      ...gauge(
        "provisioned_concurrent_requests_total",
        "Number of provisioned concurrency during the last minute",
        [[{}, provisioned]],
        stamp,
      ),
    );
  }
  lines.push(...gauge("request_count_total", "Number of requests during the last minute", [[{}, count]], stamp));
  lines.push(
    ...gauge("request_4xx_count_total", "Number of 4xx errors during the last minute", [[{}, count4xx]], stamp),
  );
  lines.push(
    ...gauge("request_5xx_count_total", "Number of 5xx errors during the last minute", [[{}, count5xx]], stamp),
  );

  lines.push(
    ...familyHeader("request_latency_ms", "histogram", "Round-trip latency of requests during the last minute"),
  );
  for (const { boundMs, prefix } of LATENCY_BUCKETS) {
    lines.push(`${prefix}${formatFloat(Math.round(count * latencyCdf(medianMs, boundMs)))}${stamp}`);
  }
  lines.push(`request_latency_ms_bucket{le="+Inf"} ${formatFloat(count)}${stamp}`);
  lines.push(`request_latency_ms_sum ${formatFloat(Math.round(count * latencyMeanMs(medianMs)))}${stamp}`);
  lines.push(`request_latency_ms_count ${formatFloat(count)}${stamp}`);

  if (profile.gpus > 0) {
    const gpus = Array.from({ length: profile.gpus }, (_, i) => `gpu${i}`);
    const usage = gpus.map((gpu): [Record<string, string>, number] => [
      { gpu },
      clampPercent(15 + 40 * load + 4 * jitter(name, startMs, gpu)),
    ]);
    const memory = gpus.map((gpu): [Record<string, string>, number] => [
      { gpu },
      clampPercent(62 + 6 * load + jitter(name, startMs, gpu, "mem")),
    ]);
    lines.push(
      ...gauge("gpu_usage_percentage", "Average GPU utilization during the last minute, per GPU", usage, stamp),
    );
    lines.push(
      ...gauge(
        profile.gpuMemoryFamily,
        "Average GPU frame-buffer memory utilization during the last minute, per GPU",
        memory,
        stamp,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * What `GET /serving-endpoints/{name}/metrics` answers at `atMs`: the last complete minute, stamped
 * with its minute-aligned end in ms. Null for an endpoint without metrics (Databricks answers 404).
 */
export function renderDatabricksMetrics(
  endpointName: string,
  atMs: number,
  options: SimulationOptions = DEFAULT_SIMULATION,
): string | null {
  const profile = findDatabricksEndpoint(endpointName)?.metrics;
  if (!profile) return null;
  return renderMinute(endpointName, profile, Math.floor(atMs / MINUTE_MS) * MINUTE_MS, options);
}
