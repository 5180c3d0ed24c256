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
