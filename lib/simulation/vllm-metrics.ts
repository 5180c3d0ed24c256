import { familyHeader } from "./exposition";
import type { SelfHostedServerDef } from "./llm-catalog";
import { engineGaugesOf } from "./llm-gauges";
import { engineTotals, histogramOf, processStartMs, type EngineTotals, type Histogram } from "./llm-requests";
import { plateauOf } from "./plateau";
import { replicaRenderer } from "./replica-renderer";
import { formatPythonFloat as num } from "./python-float";

/** vLLM V1's bucket bounds (vllm/v1/metrics/loggers.py), in seconds. */
const TTFT_BOUNDS_S = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560,
];
const ITL_BOUNDS_S = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];
const E2E_BOUNDS_S = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680];
const FINISHED_REASONS: ReadonlyArray<[string, number]> = [
  ["stop", 0.85],
  ["length", 0.15],
];
const HANDLER = "/v1/chat/completions";

const msBounds = (bounds: readonly number[]) => bounds.map((s) => s * 1000);
const BOUNDS_MS = { ttft: msBounds(TTFT_BOUNDS_S), itl: msBounds(ITL_BOUNDS_S), e2e: msBounds(E2E_BOUNDS_S) };

interface EngineRows {
  engine: string;
  model: string;
  /** `engine="0",model_name="…"`: labels sorted, as in the real capture. */
  labels: string;
  totals: EngineTotals;
  histograms: { ttft: Histogram; itl: Histogram; e2e: Histogram };
}

function engineRows(server: SelfHostedServerDef, engine: number, totals: EngineTotals): EngineRows {
  const itlPerRequest = server.generationTokensMean - 1;
  const labels = { engine: `engine="${engine}"`, model: `model_name="${server.model}"` };
  return {
    ...labels,
    labels: `${labels.engine},${labels.model}`,
    totals,
    histograms: {
      ttft: histogramOf(
        totals.classes.map((c) => ({ count: c.successes, median: c.ttftMs })),
        BOUNDS_MS.ttft,
      ),
      itl: histogramOf(
        totals.classes.map((c) => ({ count: c.successes * itlPerRequest, median: c.itlMs })),
        BOUNDS_MS.itl,
      ),
      e2e: histogramOf(
        totals.classes.map((c) => ({ count: c.successes, median: c.e2eMs })),
        BOUNDS_MS.e2e,
      ),
    },
  };
}

// Bucket line prefixes by family and labels: a backfill prints them hundreds of thousands of times.
const bucketPrefixes = new Map<string, string[]>();

function bucketPrefixesOf(name: string, boundsS: readonly number[], row: EngineRows): string[] {
  const key = `${name}{${row.labels}}`;
  let prefixes = bucketPrefixes.get(key);
  if (!prefixes) {
    prefixes = [...boundsS.map(num), "+Inf"].map((le) => `${name}_bucket{${row.engine},le="${le}",${row.model}} `);
    bucketPrefixes.set(key, prefixes);
  }
  return prefixes;
}

function histogramLines(
  name: string,
  help: string,
  boundsS: readonly number[],
  rows: readonly EngineRows[],
  pick: (row: EngineRows) => Histogram,
): string[] {
  const lines = familyHeader(name, "histogram", help);
  for (const row of rows) {
    const histogram = pick(row);
    const prefixes = bucketPrefixesOf(name, boundsS, row);
    prefixes.forEach((prefix, i) => lines.push(`${prefix}${num(histogram.buckets[i] ?? histogram.count)}`));
    lines.push(`${name}_count{${row.labels}} ${num(histogram.count)}`);
    lines.push(`${name}_sum{${row.labels}} ${num(histogram.sum / 1000)}`);
  }
  return lines;
}

/**
 * What one replica's `GET /metrics` answers at `atMs`: vLLM V1 (Prometheus text 0.0.4), one series per
 * data-parallel engine, and the API server's `http_requests_total`. Counters are exact integrals since
 * the process started; gauges hold for a 15 s plateau. Null for an unknown server or replica.
 */
export const renderVllmMetrics = replicaRenderer(
  ({ server }) => server.kind === "vllm",
  ({ server, replica }, atMs, options) => {
    const startMs = processStartMs(server, replica, atMs);
    const engines = Array.from({ length: replica.engines }, (_, engine) => engine);
    const rows = engines.map((engine) =>
      engineRows(
        server,
        engine,
        engineTotals(server, replica, engine, { fromMs: startMs, toMs: atMs, anchorMs: options.anchorMs }),
      ),
    );
    const gauges = engines.map((engine) => engineGaugesOf(server, replica, engine, plateauOf(atMs), options.anchorMs));
    const lines: string[] = [];
    const perEngine = (
      name: string,
      type: string,
      help: string,
      value: (row: EngineRows, engine: number) => number,
    ) => {
      lines.push(...familyHeader(name, type, help));
      rows.forEach((row, engine) => lines.push(`${name}{${row.labels}} ${num(value(row, engine))}`));
    };
    const floor = Math.floor;

    perEngine(
      "vllm:num_requests_running",
      "gauge",
      "Number of requests in model execution batches.",
      (_, e) => gauges[e]!.running,
    );
    perEngine(
      "vllm:num_requests_waiting",
      "gauge",
      "Number of requests waiting to be processed.",
      (_, e) => gauges[e]!.waiting,
    );
    perEngine(
      "vllm:kv_cache_usage_perc",
      "gauge",
      "KV-cache usage. 1 means 100 percent usage.",
      (_, e) => gauges[e]!.kvCacheFraction,
    );
    const promptTokens = (row: EngineRows) => row.totals.successes * server.promptTokensMean;
    const hitTokens = (row: EngineRows) =>
      row.totals.classes.reduce(
        (sum, c) =>
          sum +
          c.successes * server.promptTokensMean * (c.incident ? server.incidentPrefixHitRatio : server.prefixHitRatio),
        0,
      );
    perEngine(
      "vllm:prefix_cache_queries_total",
      "counter",
      "Prefix cache queries, in terms of number of queried tokens.",
      (row) => floor(promptTokens(row)),
    );
    perEngine(
      "vllm:prefix_cache_hits_total",
      "counter",
      "Prefix cache hits, in terms of number of cached tokens.",
      (row) => floor(hitTokens(row)),
    );
    perEngine("vllm:num_preemptions_total", "counter", "Cumulative number of preemption from the engine.", (row) =>
      floor(0.2 * row.totals.classes.reduce((sum, c) => sum + (c.incident ? c.requests : 0), 0)),
    );
    perEngine("vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.", (row) =>
      floor(promptTokens(row)),
    );
    perEngine("vllm:generation_tokens_total", "counter", "Number of generation tokens processed.", (row) =>
      floor(row.totals.successes * server.generationTokensMean),
    );
    lines.push(...familyHeader("vllm:request_success_total", "counter", "Count of successfully processed requests."));
    for (const row of rows) {
      for (const [reason, share] of FINISHED_REASONS) {
        const labels = `${row.engine},finished_reason="${reason}",${row.model}`;
        lines.push(`vllm:request_success_total{${labels}} ${num(floor(row.totals.successes * share))}`);
      }
    }
    lines.push(
      ...histogramLines(
        "vllm:time_to_first_token_seconds",
        "Histogram of time to first token in seconds.",
        TTFT_BOUNDS_S,
        rows,
        (r) => r.histograms.ttft,
      ),
    );
    lines.push(
      ...histogramLines(
        "vllm:inter_token_latency_seconds",
        "Histogram of inter-token latency in seconds.",
        ITL_BOUNDS_S,
        rows,
        (r) => r.histograms.itl,
      ),
    );
    lines.push(
      ...histogramLines(
        "vllm:e2e_request_latency_seconds",
        "Histogram of e2e request latency in seconds.",
        E2E_BOUNDS_S,
        rows,
        (r) => r.histograms.e2e,
      ),
    );

    const sum = (value: (totals: EngineTotals) => number) => rows.reduce((total, row) => total + value(row.totals), 0);
    lines.push(
      ...familyHeader("http_requests_total", "counter", "Total number of requests by method, status and handler."),
    );
    for (const [status, count] of [
      ["2xx", sum((t) => t.successes)],
      ["4xx", sum((t) => t.errors4xx + t.errors429)],
      ["5xx", sum((t) => t.errors5xx)],
    ] as const) {
      lines.push(`http_requests_total{handler="${HANDLER}",method="POST",status="${status}"} ${num(floor(count))}`);
    }
    return `${lines.join("\n")}\n`;
  },
);
