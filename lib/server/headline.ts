import type { Headline, Point, SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { SeriesBackend } from "@/lib/query/types";

const WINDOW_MS = 5 * 60_000;
const SPARK_RANGE_MS = 3_600_000;
const SPARK_STEP_MS = 60_000;

const EMPTY: Headline = { requestRate: null, errorRate: null, p99Ms: null, cpuPct: null };

function lastValue(response: SeriesResponse, name: string): number | null {
  const points = response.series.find((s) => s.name === name)?.points ?? [];
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]![1];
    if (value !== null) return value;
  }
  return null;
}

/**
 * Request rate, 5xx share, p99 and CPU over the last five minutes: one grid point whose window is
 * exactly those five minutes, through whichever backend serves history.
 */
export async function getHeadline(
  backend: SeriesBackend,
  endpoint: DiscoveredEndpoint,
  nowMs: number,
): Promise<Headline> {
  if (!endpoint.metrics.available) return EMPTY;
  const window = { fromMs: nowMs, toMs: nowMs, stepMs: WINDOW_MS };
  const [requests, latency, cpu] = await Promise.all([
    backend.queryPanel(endpoint, { panel: "requests", by: "class", ...window }),
    backend.queryPanel(endpoint, { panel: "latency", ...window }),
    backend.queryPanel(endpoint, { panel: "cpu", by: "avg", ...window }),
  ]);
  const byClass = requests.series.map((s) => lastValue(requests, s.name) ?? 0);
  const reported = requests.series.some((s) => lastValue(requests, s.name) !== null);
  const requestRate = reported ? byClass.reduce((a, b) => a + b, 0) : null;
  const errors = lastValue(requests, "5xx") ?? 0;
  return {
    requestRate,
    errorRate: requestRate === null ? null : requestRate > 0 ? errors / requestRate : 0,
    p99Ms: lastValue(latency, "p99"),
    cpuPct: lastValue(cpu, "avg"),
  };
}

/** Total request rate over the last hour, one point a minute, for the fleet's sparklines. */
export async function getRequestSparkline(
  backend: SeriesBackend,
  endpoint: DiscoveredEndpoint,
  nowMs: number,
): Promise<Point[]> {
  if (!endpoint.metrics.available) return [];
  const toMs = Math.floor(nowMs / SPARK_STEP_MS) * SPARK_STEP_MS;
  const response = await backend.queryPanel(endpoint, {
    panel: "requests",
    by: "class",
    fromMs: toMs - SPARK_RANGE_MS,
    toMs,
    stepMs: SPARK_STEP_MS,
  });
  const first = response.series[0];
  if (!first) return [];
  return first.points.map(([t], k) => {
    const values = response.series.map((s) => s.points[k]?.[1] ?? null).filter((v): v is number => v !== null);
    return [t, values.length ? values.reduce((a, b) => a + b, 0) : null];
  });
}
