import type { Headline, SeriesResponse, Sparkline } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { EndpointFigures, FiguresBackend, PanelQuery, SeriesBackend } from "./types";

const HEADLINE_WINDOW_MS = 5 * 60_000;
const SPARKLINE_RANGE_MS = 3600_000;
const SPARKLINE_STEP_MS = 60_000;
const SPARKLINE_DIGITS = 4;

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
    backend.queryPanel(endpoint, { panel: "latency", quantiles: ["p99"], ...window }),
    backend.queryPanel(endpoint, { panel: "cpu", ...window }),
    backend.queryPanel(endpoint, { panel: "ttft", quantiles: ["p95"], ...window }),
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

/**
 * A sparkline value as the fleet sends it, to 4 significant digits: the line is 24 pixels high, and
 * the doubles' other 13 digits were 40 % of a 1,000-endpoint answer that the browser must parse.
 */
export function sparklineValue(value: number | null): number | null {
  return value === null ? null : Number(value.toPrecision(SPARKLINE_DIGITS));
}

/** The fleet page's sparkline: total request rate over the last hour, one point a minute. */
export function sparklineQuery(nowMs: number): PanelQuery {
  const toMs = Math.ceil(nowMs / SPARKLINE_STEP_MS) * SPARKLINE_STEP_MS;
  return { panel: "requests", fromMs: toMs - SPARKLINE_RANGE_MS, toMs, stepMs: SPARKLINE_STEP_MS };
}

/** Total request rate per minute (all classes summed; null where none reported); no values when requests are not reported. */
export async function sparkline(
  backend: SeriesBackend,
  endpoint: DiscoveredEndpoint,
  nowMs: number,
): Promise<Sparkline> {
  const query = sparklineQuery(nowMs);
  const response = await backend.queryPanel(endpoint, query);
  const first = response.series[0];
  const grid = { fromMs: first?.points[0]?.[0] ?? query.fromMs, stepMs: query.stepMs };
  if (!first) return { ...grid, values: [] };
  // In place, without an array per minute: the fleet sums a thousand endpoints' classes at once.
  const values: (number | null)[] = first.points.map(() => null);
  for (const series of response.series) {
    series.points.forEach(([, v], k) => {
      if (v !== null && k < values.length) values[k] = (values[k] ?? 0) + v;
    });
  }
  return { ...grid, values: values.map(sparklineValue) };
}

/** The figures of an endpoint, from the panel answers of any backend. */
export function figuresFrom(backend: SeriesBackend): FiguresBackend {
  return {
    async figures(endpoint, nowMs, withSparkline): Promise<EndpointFigures> {
      const [headline, spark] = await Promise.all([
        headlineFigures(backend, endpoint, nowMs),
        withSparkline ? sparkline(backend, endpoint, nowMs) : undefined,
      ]);
      return { headline, ...(spark ? { sparkline: spark } : {}) };
    },
  };
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
