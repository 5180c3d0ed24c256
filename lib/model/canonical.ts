import { z } from "zod";

/**
 * The canonical series every provider normalizes onto (DESIGN.md, "Canonical model").
 * Each sample belongs to one endpoint (the store keys it by endpoint id) and always carries a
 * `replica` label: a replica id, or "all" where the platform only reports an aggregate.
 *
 * The metric name encodes the semantics the query layer needs, because the platforms disagree:
 * a Hugging Face request counter is cumulative, a Databricks one is a per-minute gauge.
 */
export const CanonicalMetricSchema = z.enum([
  /** Cumulative request counter (Hugging Face, self-hosted). Labels: replica, code ("200", "503", …). */
  "requests_total",
  /** Requests during the last minute (Databricks gauge). Labels: replica="all", class ("all" | "4xx" | "5xx"). */
  "requests_per_minute",
  /** Precomputed latency quantile in ms (Hugging Face summary, converted from s). Labels: replica, quantile ("0.5", "0.9", "0.95", "0.99"). */
  "latency_quantile_ms",
  /** Per-minute latency histogram bucket in ms, not cumulative across minutes (Databricks). Labels: replica, le. */
  "latency_bucket_ms",
  /** Cumulative latency histogram bucket in ms (self-hosted Prometheus histograms). Labels: replica, le. */
  "latency_bucket_cumulative_ms",
  /** In-flight requests gauge. Labels: replica. */
  "pending_requests",
  /** CPU utilisation in percent (0–100). Labels: replica. */
  "cpu_percent",
  /** Memory utilisation in percent (0–100). Labels: replica. */
  "memory_percent",
  /** GPU utilisation in percent, one series per GPU. Labels: replica, gpu. */
  "gpu_percent",
  /** GPU memory (VRAM) utilisation in percent, one series per GPU. Labels: replica, gpu. */
  "vram_percent",
  /** Provisioned concurrency during the last minute (Databricks). Labels: replica="all". */
  "provisioned_concurrency",
  /** Cumulative time-to-first-token histogram bucket in ms (self-hosted LLM servers). Labels: replica, le. */
  "ttft_bucket_cumulative_ms",
  /** Cumulative inter-token latency histogram bucket in ms (TGI: mean time per token of each request). Labels: replica, le. */
  "itl_bucket_cumulative_ms",
  /** Cumulative counter of prompt (prefill) tokens processed. Labels: replica. */
  "prompt_tokens_total",
  /** Cumulative counter of generated tokens. Labels: replica. */
  "generation_tokens_total",
  /** Requests queued, not yet scheduled (gauge). Labels: replica (Triton also model). */
  "requests_waiting",
  /** Requests being generated, i.e. in the running batch (gauge). Labels: replica (Triton also model). */
  "requests_running",
  /** KV-cache blocks in use, percent (0–100) of the cache, not of GPU memory. Labels: replica. */
  "kv_cache_percent",
  /** Cumulative counter of prompt tokens found in the prefix cache. Labels: replica. */
  "prefix_cache_hits_total",
  /** Cumulative counter of prompt tokens looked up in the prefix cache. Labels: replica. */
  "prefix_cache_queries_total",
  /** Prefix-cache hit rate in percent (0–100), for servers that export only a rate (SGLang, vLLM V0). Labels: replica. */
  "prefix_cache_hit_percent",
]);
export type CanonicalMetric = z.infer<typeof CanonicalMetricSchema>;

export const CanonicalSampleSchema = z.object({
  metric: CanonicalMetricSchema,
  labels: z.record(z.string(), z.string()).and(z.object({ replica: z.string() })),
  value: z.number(),
  timestampMs: z.number().int(),
});
export type CanonicalSample = z.infer<typeof CanonicalSampleSchema>;

/** The replica label value used where a platform reports only an aggregate over replicas. */
export const ALL_REPLICAS = "all";

/** Cumulative counters: their increases matter, not their values (rates, roll-ups, reset handling). */
export const CUMULATIVE_METRICS: ReadonlySet<CanonicalMetric> = new Set<CanonicalMetric>([
  "requests_total",
  "latency_bucket_cumulative_ms",
  "ttft_bucket_cumulative_ms",
  "itl_bucket_cumulative_ms",
  "prompt_tokens_total",
  "generation_tokens_total",
  "prefix_cache_hits_total",
  "prefix_cache_queries_total",
]);

/**
 * Fractions and quantiles: sub-series of one replica (vLLM engines, SGLang ranks, MIG slices) are
 * averaged when folded into one series; every other metric is a count and is summed.
 */
export const AVERAGED_METRICS: ReadonlySet<CanonicalMetric> = new Set<CanonicalMetric>([
  "latency_quantile_ms",
  "cpu_percent",
  "memory_percent",
  "gpu_percent",
  "vram_percent",
  "kv_cache_percent",
  "prefix_cache_hit_percent",
]);
