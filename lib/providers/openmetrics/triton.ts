import "server-only";
import { ALL_REPLICAS } from "@/lib/model/canonical";
import type { Sample } from "@/lib/openmetrics/types";
import type { RuleSet, SampleSelector } from "../map-samples";
import { FRACTION_TO_PERCENT, modelLabel } from "./rule-parts";

const tritonGpu = (sample: Sample) => ({ gpu: sample.labels.gpu_uuid ?? ALL_REPLICAS });
const withCode = (code: string) => (sample: Sample) => ({ ...modelLabel(sample), code });
/** One series of a TensorRT-LLM gauge family, told apart by its type label. */
const ofType = (label: string, type: string) => (sample: Sample) =>
  sample.labels[label] === type ? modelLabel(sample) : null;
const kvBlocks = (type: string): SampleSelector => ({
  name: "nv_trt_llm_kv_cache_block_metrics",
  where: { kv_cache_block_type: type },
});

/**
 * Triton (`nv_`), per model: failures of any reason are 5xx, the pending count is the queue; µs duration sums
 * come without a count of their own, so no latency. TensorRT-LLM (`nv_trt_llm_*`): active and waiting requests
 * (its waiting wins over the pending count), the KV cache's `fraction` (newer) or else used ÷ max blocks.
 */
export const TRITON_RULES: RuleSet = {
  samples: {
    nv_inference_request_success: { metric: "requests_total", labels: withCode("200") },
    nv_inference_request_failure: { metric: "requests_total", labels: withCode("500") },
    nv_inference_pending_request_count: { metric: "requests_waiting", labels: modelLabel },
    nv_gpu_utilization: { metric: "gpu_percent", labels: tritonGpu, ...FRACTION_TO_PERCENT },
    nv_trt_llm_request_metrics: [
      { metric: "requests_waiting", labels: ofType("request_type", "waiting"), rank: 1 },
      { metric: "requests_running", labels: ofType("request_type", "active") },
    ],
    nv_trt_llm_kv_cache_block_metrics: {
      metric: "kv_cache_percent",
      labels: ofType("kv_cache_block_type", "fraction"),
      ...FRACTION_TO_PERCENT,
      rank: 1,
    },
  },
  ratios: [
    {
      metric: "vram_percent",
      numerator: { name: "nv_gpu_memory_used_bytes" },
      denominator: [{ name: "nv_gpu_memory_total_bytes" }],
      labels: tritonGpu,
      ...FRACTION_TO_PERCENT,
    },
    {
      metric: "kv_cache_percent",
      numerator: kvBlocks("used"),
      denominator: [kvBlocks("max")],
      labels: modelLabel,
      ...FRACTION_TO_PERCENT,
    },
  ],
};
