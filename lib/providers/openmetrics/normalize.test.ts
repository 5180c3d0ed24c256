import { describe, expect, it } from "vitest";
import { parseExposition } from "@/lib/openmetrics/parse";
import { normalizeGpuExporter } from "./dcgm";
import { detectServer } from "./detect";
import { normalizeOpenMetrics } from "./normalize";

/**
 * Cases the real captures (captures.test.ts) do not hold, written for this test in the servers' own
 * names: two vLLM engines, TGI's other errors, TensorRT-LLM's newer types, two GPUs.
 */
const prom = (lines: string[]) =>
  parseExposition(`${lines.join("\n")}\n`, { contentType: "text/plain; version=0.0.4" }).families;
const rows = (lines: string[]) => normalizeOpenMetrics(prom(lines), 9).map((s) => [s.metric, s.labels, s.value]);

describe("normalizeOpenMetrics", () => {
  it("folds vLLM V1's engines into one series: counts summed, the KV fraction averaged", () => {
    expect(
      rows([
        "# TYPE vllm:num_requests_running gauge",
        'vllm:num_requests_running{engine="0",model_name="m"} 3.0',
        'vllm:num_requests_running{engine="1",model_name="m"} 5.0',
        "# TYPE vllm:kv_cache_usage_perc gauge",
        'vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.2',
        'vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.6',
        "# TYPE vllm:time_to_first_token_seconds histogram",
        'vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} 4.0',
        'vllm:time_to_first_token_seconds_bucket{engine="1",le="0.1",model_name="m"} 6.0',
        'vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} 5.0',
        'vllm:time_to_first_token_seconds_bucket{engine="1",le="+Inf",model_name="m"} 7.0',
      ]),
    ).toEqual([
      ["requests_running", { replica: "all" }, 8],
      ["kv_cache_percent", { replica: "all" }, 40],
      ["ttft_bucket_cumulative_ms", { le: "100", replica: "all" }, 10],
      ["ttft_bucket_cumulative_ms", { le: "+Inf", replica: "all" }, 12],
    ]);
  });

  it("reads the older prefix-cache names when the newer ones are absent, and V0's rate unless it is -1", () => {
    expect(
      rows([
        "# TYPE vllm:gpu_prefix_cache_hits counter",
        'vllm:gpu_prefix_cache_hits_total{engine="0"} 30.0',
        "# TYPE vllm:gpu_prefix_cache_queries counter",
        'vllm:gpu_prefix_cache_queries_total{engine="0"} 120.0',
      ]),
    ).toEqual([
      ["prefix_cache_hits_total", { replica: "all" }, 30],
      ["prefix_cache_queries_total", { replica: "all" }, 120],
    ]);
    expect(rows(["# TYPE vllm:gpu_prefix_cache_hit_rate gauge", "vllm:gpu_prefix_cache_hit_rate -1.0"])).toEqual([]);
    expect(rows(["# TYPE vllm:gpu_prefix_cache_hit_rate gauge", "vllm:gpu_prefix_cache_hit_rate 0.25"])).toEqual([
      ["prefix_cache_hit_percent", { replica: "all" }, 25],
    ]);
  });

  it("reads vLLM under Ray Serve's prefix", () => {
    const lines = ["# TYPE ray_vllm:num_requests_waiting gauge", 'ray_vllm:num_requests_waiting{WorkerId="w"} 2.0'];
    expect(detectServer(prom(lines))?.name).toBe("vLLM on Ray Serve (V0 engine)");
    expect(rows(lines)).toEqual([["requests_waiting", { replica: "all" }, 2]]);
  });

  it("sums vLLM's HTTP counters over handlers, per status class", () => {
    expect(
      rows([
        "# TYPE vllm:num_requests_running gauge",
        "vllm:num_requests_running 0.0",
        "# TYPE http_requests_total counter",
        'http_requests_total{handler="/v1/completions",method="POST",status="2xx"} 201.0',
        'http_requests_total{handler="/v1/chat/completions",method="POST",status="2xx"} 9.0',
        'http_requests_total{handler="/v1/chat/completions",method="POST",status="4xx"} 2.0',
      ]),
    ).toEqual([
      ["requests_running", { replica: "all" }, 0],
      ["requests_total", { code: "2xx", replica: "all" }, 210],
      ["requests_total", { code: "4xx", replica: "all" }, 2],
    ]);
  });

  it("maps TGI's overloaded failures to 429 and other errors to 500, spelt with or without _total", () => {
    expect(
      rows([
        "# TYPE tgi_request_failure counter",
        'tgi_request_failure{err="overloaded"} 4',
        'tgi_request_failure{err="generation"} 1',
        'tgi_request_failure{err="incomplete_generation"} 2',
        "# TYPE tgi_request_success counter",
        "tgi_request_success_total 7",
      ]),
    ).toEqual([
      ["requests_total", { code: "429", replica: "all" }, 4],
      ["requests_total", { code: "500", replica: "all" }, 3],
      ["requests_total", { code: "200", replica: "all" }, 7],
    ]);
  });

  it("prefers TensorRT-LLM's waiting count and KV fraction where the backend exports them", () => {
    expect(
      rows([
        "# TYPE nv_inference_pending_request_count gauge",
        'nv_inference_pending_request_count{model="tensorrt_llm",version="1"} 9',
        'nv_inference_pending_request_count{model="preprocessing",version="1"} 1',
        "# TYPE nv_trt_llm_request_metrics gauge",
        'nv_trt_llm_request_metrics{model="tensorrt_llm",request_type="waiting",version="1"} 3',
        'nv_trt_llm_request_metrics{model="tensorrt_llm",request_type="active",version="1"} 7',
        'nv_trt_llm_request_metrics{model="tensorrt_llm",request_type="scheduled",version="1"} 4',
        "# TYPE nv_trt_llm_kv_cache_block_metrics gauge",
        'nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="fraction",model="tensorrt_llm",version="1"} 0.6',
        'nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="used",model="tensorrt_llm",version="1"} 2000',
        'nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="max",model="tensorrt_llm",version="1"} 8000',
      ]),
    ).toEqual([
      ["requests_waiting", { model: "preprocessing", replica: "all" }, 1],
      ["requests_waiting", { model: "tensorrt_llm", replica: "all" }, 3],
      ["requests_running", { model: "tensorrt_llm", replica: "all" }, 7],
      ["kv_cache_percent", { model: "tensorrt_llm", replica: "all" }, 60],
    ]);
  });

  it("maps only generic HTTP counters for an unknown server, by status or code", () => {
    const lines = [
      "# TYPE http_requests_total counter",
      'http_requests_total{status="200"} 10',
      'http_requests_total{code="404"} 1',
      'http_requests_total{path="/"} 5',
      "# TYPE num_requests_running gauge",
      "num_requests_running 3",
    ];
    expect(detectServer(prom(lines))).toBeNull();
    expect(rows(lines)).toEqual([
      ["requests_total", { code: "200", replica: "all" }, 10],
      ["requests_total", { code: "404", replica: "all" }, 1],
    ]);
  });
});

describe("normalizeGpuExporter", () => {
  it("computes VRAM per GPU as used ÷ (used + free) MiB", () => {
    const families = prom([
      "# TYPE DCGM_FI_DEV_GPU_UTIL gauge",
      'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-a"} 94',
      'DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-b"} 3',
      "# TYPE DCGM_FI_DEV_FB_USED gauge",
      'DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a"} 76000',
      'DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-b"} 1024',
      "# TYPE DCGM_FI_DEV_FB_FREE gauge",
      'DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-a"} 4000',
      'DCGM_FI_DEV_FB_FREE{gpu="1",UUID="GPU-b"} 78976',
    ]);
    expect(normalizeGpuExporter(families, 9).map((s) => [s.metric, s.labels, s.value])).toEqual([
      ["gpu_percent", { gpu: "0", replica: "all" }, 94],
      ["gpu_percent", { gpu: "1", replica: "all" }, 3],
      ["vram_percent", { gpu: "0", replica: "all" }, 95],
      ["vram_percent", { gpu: "1", replica: "all" }, 1.28],
    ]);
  });
});
