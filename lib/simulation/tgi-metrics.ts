import { engineGaugesOf } from "./llm-gauges";
import { engineTotals, histogramOf, medianForMean, processStartMs, type Histogram } from "./llm-requests";
import { plateauOf } from "./plateau";
import { replicaRenderer } from "./replica-renderer";

/** TGI's launcher defaults for this model: the length histograms' bounds are hundredths of these. */
const MAX_INPUT_TOKENS = 8191;
const MAX_TOTAL_TOKENS = 8192;

/** TGI's bounds (router/src/server.rs): durations 0.0001 × 1.5^k, lengths 100 equal steps up to the maximum. */
function durationBounds(): number[] {
  const bounds: number[] = [];
  // Multiplied in turn as TGI does, so the printed bounds match its float noise ("0.00015000000000000001").
  for (let bound = 0.0001, i = 0; i < 35; i += 1) bounds.push((bound *= 1.5));
  return bounds;
}
const DURATION_BOUNDS_S = durationBounds();
const lengthBounds = (max: number) => Array.from({ length: 100 }, (_, x) => (max / 100) * (x + 1));
const INPUT_LENGTH_BOUNDS = lengthBounds(MAX_INPUT_TOKENS);
const GENERATED_TOKENS_BOUNDS = lengthBounds(MAX_TOTAL_TOKENS);
const DURATION_BOUNDS_MS = DURATION_BOUNDS_S.map((s) => s * 1000);

/** metrics-exporter-prometheus: Rust's shortest float printing (no exponent), integers without ".0". */
const num = (value: number) => String(value);

function family(name: string, type: string, help: string | null, rows: string[]): string {
  return [...(help === null ? [] : [`# HELP ${name} ${help}`]), `# TYPE ${name} ${type}`, ...rows].join("\n");
}

function histogram(name: string, help: string, bounds: readonly number[], h: Histogram, sumScale = 1): string {
  return family(name, "histogram", help, [
    ...bounds.map((bound, i) => `${name}_bucket{le="${num(bound)}"} ${h.buckets[i]}`),
    `${name}_bucket{le="+Inf"} ${h.count}`,
    `${name}_sum ${num(h.sum * sumScale)}`,
    `${name}_count ${h.count}`,
  ]);
}

function failureRows(counts: ReadonlyArray<[string, number]>): string[] {
  // A labelled counter appears once it was first incremented.
  return counts.filter(([, count]) => count >= 1).map(([err, count]) => `tgi_request_failure{err="${err}"} ${count}`);
}

/** Lengths are whole tokens, so their sum is a whole number. */
function lengthHistogram(successes: number, mean: number, bounds: readonly number[]): Histogram {
  const lengths = histogramOf([{ count: successes, median: medianForMean(mean) }], bounds);
  return { ...lengths, sum: Math.floor(lengths.sum) };
}

/**
 * What TGI's `GET /metrics` answers at `atMs`: its router's families as metrics-exporter-prometheus prints
 * them (Prometheus text 0.0.4, counters without `_total`, a blank line between families). There is no
 * time-to-first-token family. Null for an unknown server or replica.
 */
export const renderTgiMetrics = replicaRenderer(
  ({ server }) => server.kind === "tgi",
  ({ server, replica }, atMs, options) => {
    const totals = engineTotals(server, replica, 0, {
      fromMs: processStartMs(server, replica, atMs),
      toMs: atMs,
      anchorMs: options.anchorMs,
    });
    const gauges = engineGaugesOf(server, replica, 0, plateauOf(atMs), options.anchorMs);
    const successes = Math.floor(totals.successes);
    const failures: Array<[string, number]> = [
      ["validation", Math.floor(totals.errors4xx)],
      ["overloaded", Math.floor(totals.errors429)],
      ["generation", Math.floor(totals.errors5xx)],
    ];
    const failed = failures.reduce((sum, [, count]) => sum + count, 0);
    const failureLines = failureRows(failures);
    const families = [
      family("tgi_request_success", "counter", "Number of successful requests", [`tgi_request_success ${successes}`]),
      family("tgi_request_count", "counter", "Total number of requests", [`tgi_request_count ${successes + failed}`]),
      ...(failureLines.length > 0 ? [family("tgi_request_failure", "counter", null, failureLines)] : []),
      family("tgi_queue_size", "gauge", "Current queue size", [`tgi_queue_size ${gauges.waiting}`]),
      family("tgi_batch_current_max_tokens", "gauge", "Maximum tokens for the current batch", [
        `tgi_batch_current_max_tokens ${gauges.running * (server.promptTokensMean + server.generationTokensMean)}`,
      ]),
      family("tgi_batch_current_size", "gauge", "Current batch size", [`tgi_batch_current_size ${gauges.running}`]),
      histogram(
        "tgi_request_input_length",
        "Input token length per request",
        INPUT_LENGTH_BOUNDS,
        lengthHistogram(totals.successes, server.promptTokensMean, INPUT_LENGTH_BOUNDS),
      ),
      histogram(
        "tgi_request_duration",
        "Request duration",
        DURATION_BOUNDS_S,
        histogramOf(
          totals.classes.map((c) => ({ count: c.successes, median: c.e2eMs })),
          DURATION_BOUNDS_MS,
        ),
        1 / 1000,
      ),
      histogram(
        "tgi_request_mean_time_per_token_duration",
        "Mean time per token per request",
        DURATION_BOUNDS_S,
        histogramOf(
          totals.classes.map((c) => ({ count: c.successes, median: c.itlMs })),
          DURATION_BOUNDS_MS,
        ),
        1 / 1000,
      ),
      histogram(
        "tgi_request_generated_tokens",
        "Generated tokens per request",
        GENERATED_TOKENS_BOUNDS,
        lengthHistogram(totals.successes, server.generationTokensMean, GENERATED_TOKENS_BOUNDS),
      ),
    ];
    return `${families.join("\n\n")}\n\n`;
  },
);
