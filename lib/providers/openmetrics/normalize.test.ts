import { describe, expect, it } from "vitest";
import { parseExposition } from "@/lib/openmetrics/parse";
import { normalizeOpenMetrics } from "./normalize";

const prom = (lines: string[]) =>
  parseExposition(`${lines.join("\n")}\n`, { contentType: "text/plain; version=0.0.4" }).families;
const rows = (lines: string[]) => normalizeOpenMetrics(prom(lines), 9).map((s) => [s.metric, s.labels, s.value]);

describe("normalizeOpenMetrics", () => {
  it("maps vLLM", () => {
    expect(
      rows([
        "# TYPE vllm:num_requests_running gauge",
        'vllm:num_requests_running{model_name="m"} 3',
        "# TYPE vllm:gpu_cache_usage_perc gauge",
        'vllm:gpu_cache_usage_perc{model_name="m"} 0.42',
        "# TYPE vllm:e2e_request_latency_seconds histogram",
        'vllm:e2e_request_latency_seconds_bucket{le="0.3"} 5',
        'vllm:e2e_request_latency_seconds_bucket{le="+Inf"} 9',
        "vllm:e2e_request_latency_seconds_sum 4.2",
        "vllm:e2e_request_latency_seconds_count 9",
      ]),
    ).toEqual([
      ["pending_requests", { replica: "all" }, 3],
      ["vram_percent", { gpu: "all", replica: "all" }, 42],
      ["latency_bucket_cumulative_ms", { le: "300", replica: "all" }, 5],
      ["latency_bucket_cumulative_ms", { le: "+Inf", replica: "all" }, 9],
    ]);
  });

  it("maps TGI, deriving failures from count − success", () => {
    expect(
      rows([
        "# TYPE tgi_request_count counter",
        "tgi_request_count 100",
        "# TYPE tgi_request_success counter",
        "tgi_request_success 97",
        "# TYPE tgi_queue_size gauge",
        "tgi_queue_size 4",
        "# TYPE tgi_request_duration histogram",
        'tgi_request_duration_bucket{le="0.5"} 80',
        'tgi_request_duration_bucket{le="+Inf"} 100',
      ]),
    ).toEqual([
      ["requests_total", { code: "200", replica: "all" }, 97],
      ["pending_requests", { replica: "all" }, 4],
      ["latency_bucket_cumulative_ms", { le: "500", replica: "all" }, 80],
      ["latency_bucket_cumulative_ms", { le: "+Inf", replica: "all" }, 100],
      ["requests_total", { code: "500", replica: "all" }, 3],
    ]);
  });

  it("maps Triton, VRAM from used ÷ total", () => {
    expect(
      rows([
        "# TYPE nv_inference_request_success counter",
        'nv_inference_request_success{model="resnet",version="1"} 50',
        "# TYPE nv_inference_request_failure counter",
        'nv_inference_request_failure{model="resnet",version="1"} 2',
        "# TYPE nv_inference_pending_request_count gauge",
        'nv_inference_pending_request_count{model="resnet",version="1"} 1',
        "# TYPE nv_gpu_utilization gauge",
        'nv_gpu_utilization{gpu_uuid="GPU-1"} 0.75',
        "# TYPE nv_gpu_memory_used_bytes gauge",
        'nv_gpu_memory_used_bytes{gpu_uuid="GPU-1"} 4e9',
        "# TYPE nv_gpu_memory_total_bytes gauge",
        'nv_gpu_memory_total_bytes{gpu_uuid="GPU-1"} 16e9',
      ]),
    ).toEqual([
      ["requests_total", { code: "200", model: "resnet", replica: "all" }, 50],
      ["requests_total", { code: "500", model: "resnet", replica: "all" }, 2],
      ["pending_requests", { model: "resnet", replica: "all" }, 1],
      ["gpu_percent", { gpu: "GPU-1", replica: "all" }, 75],
      ["vram_percent", { gpu: "GPU-1", replica: "all" }, 25],
    ]);
  });

  it("maps generic http_requests_total by status or code and ignores unknown families", () => {
    expect(
      rows([
        "# TYPE http_requests_total counter",
        'http_requests_total{status="200"} 10',
        'http_requests_total{code="404"} 1',
        'http_requests_total{path="/"} 5',
        "# TYPE process_cpu_seconds_total counter",
        "process_cpu_seconds_total 3",
      ]),
    ).toEqual([
      ["requests_total", { code: "200", replica: "all" }, 10],
      ["requests_total", { code: "404", replica: "all" }, 1],
    ]);
  });
});
