import "server-only";
import type { RuleSet, SampleRule } from "../map-samples";
import { BUCKETS_S_TO_MS, FRACTION_TO_PERCENT } from "./rule-parts";

/** A V0 gauge that is -1 while prefix caching is off: no rate, so no sample. */
const whenRate = (sample: { value: number }) => (sample.value < 0 ? null : {});

/**
 * vLLM under a prefix: "vllm:", "ray_vllm:" (Ray Serve) or "" (NIM). `engine` and `model_name` are dropped, so
 * V1's engines fold into one series; `*_cache_usage_perc` is a 0–1 fraction of the KV cache, not of GPU memory.
 * Of a renamed family the newer name (rank 1) wins when a scrape carries both.
 */
export function vllmRules(prefix: string): RuleSet {
  const named = (rules: Record<string, SampleRule>) =>
    Object.fromEntries(Object.entries(rules).map(([name, rule]) => [`${prefix}${name}`, rule]));
  return {
    samples: named({
      time_to_first_token_seconds_bucket: { metric: "ttft_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
      inter_token_latency_seconds_bucket: { metric: "itl_bucket_cumulative_ms", ...BUCKETS_S_TO_MS, rank: 1 },
      time_per_output_token_seconds_bucket: { metric: "itl_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
      e2e_request_latency_seconds_bucket: { metric: "latency_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
      prompt_tokens_total: { metric: "prompt_tokens_total" },
      generation_tokens_total: { metric: "generation_tokens_total" },
      num_requests_waiting: { metric: "requests_waiting" },
      num_requests_running: { metric: "requests_running" },
      kv_cache_usage_perc: { metric: "kv_cache_percent", ...FRACTION_TO_PERCENT, rank: 1 },
      gpu_cache_usage_perc: { metric: "kv_cache_percent", ...FRACTION_TO_PERCENT },
      prefix_cache_hits_total: { metric: "prefix_cache_hits_total", rank: 1 },
      gpu_prefix_cache_hits_total: { metric: "prefix_cache_hits_total" },
      prefix_cache_queries_total: { metric: "prefix_cache_queries_total", rank: 1 },
      gpu_prefix_cache_queries_total: { metric: "prefix_cache_queries_total" },
      gpu_prefix_cache_hit_rate: { metric: "prefix_cache_hit_percent", ...FRACTION_TO_PERCENT, labels: whenRate },
    }),
  };
}

/** NIM's own request counters (vLLM's `request_success_total` counts finish reasons, not HTTP answers). */
export const NIM_REQUEST_RULES: RuleSet = {
  samples: {
    request_success_total: { metric: "requests_total", labels: () => ({ code: "200" }) },
    request_failure_total: { metric: "requests_total", labels: () => ({ code: "500" }) },
  },
};
