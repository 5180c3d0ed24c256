import "server-only";
import type { PromContext } from "@/lib/backends/prometheus/plan";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { TGI_FAILURE_CODES, TGI_OTHER_FAILURE_CODE } from "@/lib/providers/openmetrics/tgi";

/**
 * The raw families self-hosted servers export for each canonical metric, as PromQL: what
 * lib/providers/openmetrics/{vllm,tgi,sglang,triton,dcgm}.ts map in the embedded store (their
 * test checks every name read here maps to the panel's metric). An endpoint runs one server, so
 * the servers' families are joined with `or`; Prometheus mode never scrapes, so no server is detected.
 */

/** How a family's samples are reduced over a grid point's window: a rate, or a gauge's mean (or max). */
export type Over = (selector: string) => string;
/** One way a server exports a metric: a vector of the endpoint's series. */
export type Term = (ctx: PromContext, over: Over) => string;

const family =
  (name: string, where?: string): Term =>
  (ctx, over) =>
    over(ctx.sel(name, where));

/** The first term's series, and the second's for replicas without any: a renamed family, or a GPU exporter. */
const preferred =
  (first: Term, fallback: Term): Term =>
  (ctx, over) => {
    const wins = first(ctx, over);
    return `${wins} or (${fallback(ctx, over)} unless on(${ctx.replicaLabel}) ${wins})`;
  };

const anyOf =
  (...terms: Term[]): Term =>
  (ctx, over) =>
    terms.map((term) => term(ctx, over)).join(" or ");

const scaled =
  (term: Term, factor: number): Term =>
  (ctx, over) =>
    `(${term(ctx, over)}) * ${factor}`;

/** numerator ÷ Σ denominators, paired on all labels but `ignoring`; denominators are constant, so window means. */
const ratio =
  (numerator: Term, denominators: Term[], ignoring?: string): Term =>
  (ctx, over) => {
    const sum = denominators.map((term) => term(ctx, ctx.meanOver)).join(" + ");
    return `${numerator(ctx, over)} / ${ignoring ? `ignoring(${ignoring}) ` : ""}(${sum})`;
  };

const setLabel =
  (term: Term, label: string, value: string, from = "", pattern = ""): Term =>
  (ctx, over) =>
    `label_replace(${term(ctx, over)}, "${label}", "${value}", "${from}", "${pattern}")`;

/** A label copied from another where that one is set. */
const copyLabel = (term: Term, label: string, from: string): Term => setLabel(term, label, "$1", from, "(.+)");

/** vLLM's families under its prefixes: its own, Ray Serve's, and NVIDIA NIM's (none). */
const VLLM_PREFIXES = ["vllm:", "ray_vllm:", ""];
/** SGLang keeps vLLM's names for the latency histograms and token counters. */
const VLLM_AND_SGLANG = [...VLLM_PREFIXES, "sglang:"];

const vllm = (name: string, prefixes = VLLM_PREFIXES) => prefixes.map((prefix) => family(`${prefix}${name}`));
const vllmRenamed = (newer: string, older: string, prefixes = VLLM_PREFIXES) =>
  prefixes.map((prefix) => preferred(family(`${prefix}${newer}`), family(`${prefix}${older}`)));

const TGI_FAILURES: Term = Object.entries(TGI_FAILURE_CODES).reduce(
  (term, [err, code]) => setLabel(term, "code", code, "err", err),
  setLabel(anyOf(family("tgi_request_failure"), family("tgi_request_failure_total")), "code", TGI_OTHER_FAILURE_CODE),
);

/** Cumulative request counters, each series labelled with the `code` it answered. */
const REQUESTS: Term = anyOf(
  // A code, a status code, or a class ("2xx", vLLM's API server): `status` wins, as in the normalizer.
  copyLabel(copyLabel(family("http_requests_total"), "code", "status_code"), "code", "status"),
  setLabel(anyOf(family("tgi_request_success"), family("tgi_request_success_total")), "code", "200"),
  TGI_FAILURES,
  setLabel(family("request_success_total"), "code", "200"),
  setLabel(family("request_failure_total"), "code", "500"),
  setLabel(family("nv_inference_request_success"), "code", "200"),
  setLabel(family("nv_inference_request_failure"), "code", "500"),
);

/** Cumulative histogram buckets, `le` in seconds. */
const TTFT_BUCKETS: Term = anyOf(...vllm("time_to_first_token_seconds_bucket", VLLM_AND_SGLANG));
const ITL_BUCKETS: Term = anyOf(
  ...vllmRenamed("inter_token_latency_seconds_bucket", "time_per_output_token_seconds_bucket", VLLM_AND_SGLANG),
  family("tgi_request_mean_time_per_token_duration_bucket"),
);
const E2E_BUCKETS: Term = anyOf(
  ...vllm("e2e_request_latency_seconds_bucket", VLLM_AND_SGLANG),
  family("tgi_request_duration_bucket"),
);
/** Bucket bounds are seconds; panels answer ms. */
export const BUCKET_LE_TO_MS = 1000;

/** Token counters (TGI: the sums of its per-request length histograms). */
const PROMPT_TOKENS: Term = anyOf(
  ...vllm("prompt_tokens_total", VLLM_AND_SGLANG),
  family("tgi_request_input_length_sum"),
);
const GENERATION_TOKENS: Term = anyOf(
  ...vllm("generation_tokens_total", VLLM_AND_SGLANG),
  family("tgi_request_generated_tokens_sum"),
);

/** Gauges of queued and running requests (TensorRT-LLM's waiting wins over Triton's pending count). */
const WAITING: Term = anyOf(
  ...vllm("num_requests_waiting"),
  family("sglang:num_queue_reqs"),
  family("tgi_queue_size"),
  preferred(
    family("nv_trt_llm_request_metrics", 'request_type="waiting"'),
    family("nv_inference_pending_request_count"),
  ),
);
const RUNNING: Term = anyOf(
  ...vllm("num_requests_running"),
  family("sglang:num_running_reqs"),
  family("tgi_batch_current_size"),
  family("nv_trt_llm_request_metrics", 'request_type="active"'),
);

const kvBlocks = (type: string) => family("nv_trt_llm_kv_cache_block_metrics", `kv_cache_block_type="${type}"`);

/** KV-cache use, % of the cache (every server exports a 0–1 fraction). */
const KV_CACHE_PERCENT: Term = scaled(
  anyOf(
    ...vllmRenamed("kv_cache_usage_perc", "gpu_cache_usage_perc"),
    family("sglang:token_usage"),
    preferred(kvBlocks("fraction"), ratio(kvBlocks("used"), [kvBlocks("max")], "kv_cache_block_type")),
  ),
  100,
);

/** Prefix-cache counters of looked-up and found tokens (vLLM V0's older names). */
const PREFIX_HITS: Term = anyOf(...vllmRenamed("prefix_cache_hits_total", "gpu_prefix_cache_hits_total"));
const PREFIX_QUERIES: Term = anyOf(...vllmRenamed("prefix_cache_queries_total", "gpu_prefix_cache_queries_total"));
/** A hit-rate gauge, % (vLLM V0 reports -1 while prefix caching is off: no rate). */
const PREFIX_HIT_PERCENT: Term = scaled(
  anyOf(
    ...vllm("gpu_prefix_cache_hit_rate").map(
      (term): Term =>
        (ctx, over) =>
          `${term(ctx, over)} >= 0`,
    ),
    family("sglang:cache_hit_rate"),
  ),
  100,
);

/** A DCGM exporter's GPU is its `gpu` index, else its UUID. */
const dcgmGpu =
  (term: Term): Term =>
  (ctx, over) =>
    `label_replace(label_replace(label_join(${term(ctx, over)}, "gpu_or_uuid", ";", "gpu", "UUID"), "gpu", "$1", "gpu_or_uuid", ";(.+)"), "gpu_or_uuid", "", "", "")`;
const dcgm = (name: string) => family(`DCGM_FI_DEV_${name}`);
/** Triton names GPUs by UUID. */
const tritonGpu = (term: Term) => copyLabel(term, "gpu", "gpu_uuid");

/** GPU utilisation and VRAM use, % per GPU: the server's own figures, else its replica's GPU exporter's. */
const GPU_PERCENT: Term = preferred(scaled(tritonGpu(family("nv_gpu_utilization")), 100), dcgmGpu(dcgm("GPU_UTIL")));
const VRAM_PERCENT: Term = preferred(
  scaled(tritonGpu(ratio(family("nv_gpu_memory_used_bytes"), [family("nv_gpu_memory_total_bytes")])), 100),
  scaled(dcgmGpu(ratio(dcgm("FB_USED"), [dcgm("FB_USED"), dcgm("FB_FREE")])), 100),
);

/** Each canonical metric as the self-hosted servers export it. */
export const SELF_HOSTED = {
  requests_total: REQUESTS,
  latency_bucket_cumulative_ms: E2E_BUCKETS,
  ttft_bucket_cumulative_ms: TTFT_BUCKETS,
  itl_bucket_cumulative_ms: ITL_BUCKETS,
  prompt_tokens_total: PROMPT_TOKENS,
  generation_tokens_total: GENERATION_TOKENS,
  requests_waiting: WAITING,
  requests_running: RUNNING,
  kv_cache_percent: KV_CACHE_PERCENT,
  prefix_cache_hits_total: PREFIX_HITS,
  prefix_cache_queries_total: PREFIX_QUERIES,
  prefix_cache_hit_percent: PREFIX_HIT_PERCENT,
  gpu_percent: GPU_PERCENT,
  vram_percent: VRAM_PERCENT,
} satisfies Partial<Record<CanonicalMetric, Term>>;
