import "server-only";
import type { Sample } from "@/lib/openmetrics/types";
import type { RuleSet, SampleRule } from "../map-samples";
import { BUCKETS_S_TO_MS } from "./rule-parts";

/** TGI's `err` label → the status it answered: validation is the client's error, overloaded is 429; the rest 500. */
export const TGI_FAILURE_CODES: Readonly<Record<string, string>> = { validation: "422", overloaded: "429" };
export const TGI_OTHER_FAILURE_CODE = "500";
const failureCode = (sample: Sample) => ({
  code: TGI_FAILURE_CODES[sample.labels.err ?? ""] ?? TGI_OTHER_FAILURE_CODE,
});

const success: SampleRule = { metric: "requests_total", labels: () => ({ code: "200" }) };
const failure: SampleRule = { metric: "requests_total", labels: failureCode };

/**
 * TGI (metrics-exporter-prometheus): counters come without `_total` (both spellings are read); there
 * is no time-to-first-token family. `tgi_request_count` also counts requests in flight, so errors come
 * from `tgi_request_failure` only. Tokens are the `_sum`s of the per-request length histograms.
 */
export const TGI_RULES: RuleSet = {
  samples: {
    tgi_request_success: success,
    tgi_request_success_total: success,
    tgi_request_failure: failure,
    tgi_request_failure_total: failure,
    tgi_request_duration_bucket: { metric: "latency_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
    tgi_request_mean_time_per_token_duration_bucket: { metric: "itl_bucket_cumulative_ms", ...BUCKETS_S_TO_MS },
    tgi_request_input_length_sum: { metric: "prompt_tokens_total" },
    tgi_request_generated_tokens_sum: { metric: "generation_tokens_total" },
    tgi_queue_size: { metric: "requests_waiting" },
    tgi_batch_current_size: { metric: "requests_running" },
  },
};
