import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";
import { leLabels, mapSamples, type SampleRule } from "../map-samples";

const withCode = (code: string) => (sample: Sample) => ({ code, ...modelLabel(sample) });
const modelLabel = (sample: Sample): Record<string, string> =>
  sample.labels.model ? { model: sample.labels.model } : {};
const tritonGpu = (sample: Sample) => ({ gpu: sample.labels.gpu_uuid ?? sample.labels.gpu ?? ALL_REPLICAS });
const httpCode = (sample: Sample) => {
  const code = sample.labels.status ?? sample.labels.code ?? sample.labels.status_code;
  return code === undefined ? null : { code };
};

/** Families of common self-hosted servers (vLLM, TGI, Triton) and generic HTTP counters. */
const SELF_HOSTED_RULES: Record<string, SampleRule> = {
  "vllm:num_requests_running": { metric: "pending_requests" },
  "vllm:e2e_request_latency_seconds_bucket": { metric: "latency_bucket_cumulative_ms", labels: leLabels(1000) },
  "vllm:gpu_cache_usage_perc": { metric: "vram_percent", labels: () => ({ gpu: ALL_REPLICAS }), scale: 100 },
  tgi_request_success: { metric: "requests_total", labels: withCode("200") },
  tgi_request_success_total: { metric: "requests_total", labels: withCode("200") },
  tgi_queue_size: { metric: "pending_requests" },
  tgi_request_duration_bucket: { metric: "latency_bucket_cumulative_ms", labels: leLabels(1000) },
  nv_inference_request_success: { metric: "requests_total", labels: withCode("200") },
  nv_inference_request_failure: { metric: "requests_total", labels: withCode("500") },
  nv_inference_pending_request_count: { metric: "pending_requests", labels: modelLabel },
  nv_gpu_utilization: { metric: "gpu_percent", labels: tritonGpu, scale: 100 },
  http_requests_total: { metric: "requests_total", labels: httpCode },
};

function samplesNamed(families: readonly MetricFamily[], names: readonly string[]): Sample[] {
  return families.flatMap((family) => family.samples.filter((sample) => names.includes(sample.name)));
}

function labelKey(sample: Sample): string {
  return JSON.stringify(Object.entries(sample.labels).sort());
}

/**
 * Series that need two families: TGI failures (count − success) and Triton VRAM (used ÷ total),
 * paired by their other labels.
 */
function derivedSamples(families: readonly MetricFamily[], scrapedAtMs: number): CanonicalSample[] {
  const out: CanonicalSample[] = [];
  const at = (sample: Sample) => Math.round(sample.timestampMs ?? scrapedAtMs);
  const successes = new Map(
    samplesNamed(families, ["tgi_request_success", "tgi_request_success_total"]).map((s) => [labelKey(s), s]),
  );
  for (const count of samplesNamed(families, ["tgi_request_count", "tgi_request_count_total"])) {
    const success = successes.get(labelKey(count));
    const failed = count.value - (success?.value ?? Number.NaN);
    if (Number.isFinite(failed)) {
      out.push({
        metric: "requests_total",
        labels: { code: "500", replica: ALL_REPLICAS },
        value: Math.max(0, failed),
        timestampMs: at(count),
      });
    }
  }
  const totals = new Map(samplesNamed(families, ["nv_gpu_memory_total_bytes"]).map((s) => [labelKey(s), s]));
  for (const used of samplesNamed(families, ["nv_gpu_memory_used_bytes"])) {
    const total = totals.get(labelKey(used));
    const percent = total && total.value > 0 ? (used.value / total.value) * 100 : Number.NaN;
    if (Number.isFinite(percent)) {
      out.push({
        metric: "vram_percent",
        labels: { ...tritonGpu(used), replica: ALL_REPLICAS },
        value: percent,
        timestampMs: at(used),
      });
    }
  }
  return out;
}

/** Self-hosted families → canonical samples (replica="all": one target is one server). Pure. */
export function normalizeOpenMetrics(families: readonly MetricFamily[], scrapedAtMs: number): CanonicalSample[] {
  return [
    ...mapSamples(families, SELF_HOSTED_RULES, { scrapedAtMs, replicaOf: () => ALL_REPLICAS }),
    ...derivedSamples(families, scrapedAtMs),
  ];
}
