import "server-only";
import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";
import { leLabels, mapSamples, type SampleRule } from "../map-samples";

const perGpu = (sample: Sample) => ({ gpu: sample.labels.gpu ?? ALL_REPLICAS });
const requestClass = (name: string) => () => ({ class: name });

/** Databricks values are aggregates of the last minute; `_total` names are gauges, not counters. */
const DATABRICKS_RULES: Record<string, SampleRule> = {
  request_count_total: { metric: "requests_per_minute", labels: requestClass("all") },
  request_4xx_count_total: { metric: "requests_per_minute", labels: requestClass("4xx") },
  request_5xx_count_total: { metric: "requests_per_minute", labels: requestClass("5xx") },
  request_latency_ms_bucket: { metric: "latency_bucket_ms", labels: leLabels() },
  cpu_usage_percentage: { metric: "cpu_percent" },
  mem_usage_percentage: { metric: "memory_percent" },
  gpu_usage_percentage: { metric: "gpu_percent", labels: perGpu },
  gpu_memory_usage_percentage: { metric: "vram_percent", labels: perGpu },
  gpu_mem_usage_percentage: { metric: "vram_percent", labels: perGpu },
  provisioned_concurrent_requests_total: { metric: "provisioned_concurrency" },
};

/** Databricks families → canonical samples (replica="all": Databricks reports averages). Pure. */
export function normalizeDatabricks(families: readonly MetricFamily[], scrapedAtMs: number): CanonicalSample[] {
  return mapSamples(families, DATABRICKS_RULES, { scrapedAtMs, replicaOf: () => ALL_REPLICAS });
}
