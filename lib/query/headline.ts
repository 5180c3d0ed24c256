import type { Headline, Point, SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery, SeriesBackend } from "./types";

const HEADLINE_WINDOW_MS = 5 * 60_000;
const SPARKLINE_RANGE_MS = 3600_000;
const SPARKLINE_STEP_MS = 60_000;

/** The figures of an endpoint without metrics: none, never zeros. */
export const NO_HEADLINE: Headline = {
  requestRate: null,
  errorRate: null,
  p99Ms: null,
  cpuPct: null,
  ttftP95Ms: null,
  tokenRate: null,
};

/**
 * Request rate, 5xx share, p99, CPU, TTFT p95 and tokens/s over the five minutes up to nowMs,
 * through any backend: one grid point at nowMs whose window is the last five minutes. Null where
 * not reported; the 5xx share is null without requests (a share of nothing).
 */
export async function headlineFigures(
  backend: SeriesBackend,
  endpoint: DiscoveredEndpoint,
  nowMs: number,
): Promise<Headline> {
  const window = { fromMs: nowMs, toMs: nowMs, stepMs: HEADLINE_WINDOW_MS };
  const [requests, latency, cpu, ttft, tokens] = await Promise.all([
    backend.queryPanel(endpoint, { panel: "requests", ...window }),
    backend.queryPanel(endpoint, { panel: "latency", ...window }),
    backend.queryPanel(endpoint, { panel: "cpu", ...window }),
    backend.queryPanel(endpoint, { panel: "ttft", ...window }),
    backend.queryPanel(endpoint, { panel: "tokens", ...window }),
  ]);
  const requestRate = sumLast(requests, () => true);
  const errors = sumLast(requests, (name) => name === "5xx");
  return {
    requestRate,
    errorRate: requestRate ? (errors ?? 0) / requestRate : null,
    p99Ms: lastValue(latency, "p99"),
    cpuPct: lastValue(cpu, "avg"),
    ttftP95Ms: lastValue(ttft, "p95"),
    tokenRate: sumLast(tokens, () => true),
  };
}

/** The fleet page's sparkline: total request rate over the last hour, one point a minute. */
export function sparklineQuery(nowMs: number): PanelQuery {
  const toMs = Math.ceil(nowMs / SPARKLINE_STEP_MS) * SPARKLINE_STEP_MS;
  return { panel: "requests", fromMs: toMs - SPARKLINE_RANGE_MS, toMs, stepMs: SPARKLINE_STEP_MS };
}

/** Total request rate per point (all classes summed); empty when requests are not reported. */
export async function sparkline(backend: SeriesBackend, endpoint: DiscoveredEndpoint, nowMs: number): Promise<Point[]> {
  const response = await backend.queryPanel(endpoint, sparklineQuery(nowMs));
  const [first, ...rest] = response.series;
  if (!first) return [];
  return first.points.map(([t, v], k) => {
    const values = [v, ...rest.map((s) => s.points[k]?.[1] ?? null)].filter((x) => x !== null);
    return [t, values.length === 0 ? null : values.reduce((a, b) => a + b, 0)];
  });
}

function lastValue(response: SeriesResponse, name: string): number | null {
  const series = response.series.find((s) => s.name === name);
  return series?.points[series.points.length - 1]?.[1] ?? null;
}

function sumLast(response: SeriesResponse, include: (name: string) => boolean): number | null {
  let total: number | null = null;
  for (const series of response.series) {
    const v = series.points[series.points.length - 1]?.[1] ?? null;
    if (include(series.name) && v !== null) total = (total ?? 0) + v;
  }
  return total;
}
