import "server-only";
import type { RuleSet } from "../map-samples";
import { BUCKETS_S_TO_MS, FRACTION_TO_PERCENT } from "./rule-parts";

/**
 * SGLang (`sglang:`): `tp_rank` and `model_name` are dropped, so data-parallel ranks fold into one
 * series (counts summed, fractions averaged). `token_usage` is the KV-cache pool's 0–1 fraction;
 * `cache_hit_rate` a 0–1 prefix-cache rate (SGLang exports no hit/query counters).
 */
export const SGLANG_RULES: RuleSet = {
  samples: {
    "sglang:time_to_first_token_seconds_bucket": { metric: "ttft_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
    "sglang:inter_token_latency_seconds_bucket": { metric: "itl_bucket_cumulative_ms", ...BUCKETS_S_TO_MS, rank: 1 },
    "sglang:time_per_output_token_seconds_bucket": { metric: "itl_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
    "sglang:e2e_request_latency_seconds_bucket": { metric: "latency_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
    "sglang:prompt_tokens_total": { metric: "prompt_tokens_total" },
    "sglang:generation_tokens_total": { metric: "generation_tokens_total" },
    "sglang:num_queue_reqs": { metric: "requests_waiting" },
    "sglang:num_running_reqs": { metric: "requests_running" },
    "sglang:token_usage": { metric: "kv_cache_percent", ...FRACTION_TO_PERCENT },
    "sglang:cache_hit_rate": { metric: "prefix_cache_hit_percent", ...FRACTION_TO_PERCENT },
  },
};
