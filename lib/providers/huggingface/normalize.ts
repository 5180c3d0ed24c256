import "server-only";
import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";
import { mapSamples, type SampleRule } from "../map-samples";

const perGpu = (sample: Sample) => ({ gpu: sample.labels.gpu ?? ALL_REPLICAS });
const requestsRule: SampleRule = {
  metric: "requests_total",
  labels: (sample) => ({ code: sample.labels.status_code ?? sample.labels.code ?? "unknown" }),
};

/** `http_requests` is a cumulative counter, sent with or without `_total`; latency is in seconds. */
const HUGGINGFACE_RULES: Record<string, SampleRule> = {
  http_requests: requestsRule,
  http_requests_total: requestsRule,
  latency_distribution: {
    metric: "latency_quantile_ms",
    labels: (sample) => (sample.labels.quantile === undefined ? null : { quantile: sample.labels.quantile }),
    scale: 1000,
  },
  cpu_usage_percent: { metric: "cpu_percent" },
  memory_usage_percent: { metric: "memory_percent" },
  gpu_usage_percent: { metric: "gpu_percent", labels: perGpu },
  gpu_memory_usage_percent: { metric: "vram_percent", labels: perGpu },
  pending_requests: { metric: "pending_requests" },
};

/** Hugging Face families → canonical samples, per `replica_id` ("all" when a sample has none). Pure. */
export function normalizeHuggingFace(families: readonly MetricFamily[], scrapedAtMs: number): CanonicalSample[] {
  return mapSamples(families, HUGGINGFACE_RULES, {
    scrapedAtMs,
    replicaOf: (sample) => sample.labels.replica_id ?? ALL_REPLICAS,
  });
}
