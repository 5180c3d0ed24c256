import { describe, expect, it } from "vitest";
import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import { parseExposition } from "@/lib/openmetrics/parse";
import { readCapture } from "@/test-support/testdata";
import { normalizeGpuExporter } from "./dcgm";
import { detectServer } from "./detect";
import { normalizeOpenMetrics } from "./normalize";

/**
 * Golden tests on real captures (testdata/captures/PROVENANCE.md). Every expected value is read off
 * the capture by hand and written here with its arithmetic; nothing is computed by the code under test.
 */
const AT = 1_700_000_000_000;
const familiesOf = (capture: string) =>
  parseExposition(readCapture(capture), { contentType: "text/plain; version=0.0.4" }).families;
const normalized = (capture: string) => normalizeOpenMetrics(familiesOf(capture), AT);

/** `{labels but replica} → value` of one metric, labels written `k=v,…` in sorted order ("" for none). */
function series(samples: readonly CanonicalSample[], metric: CanonicalMetric): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples.filter((sample) => sample.metric === metric)) {
    const key = Object.entries(s.labels)
      .filter(([name]) => name !== "replica")
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}=${value}`)
      .join(",");
    expect(out[key], `${metric}{${key}} appears twice`).toBeUndefined();
    out[key] = s.value;
  }
  return out;
}
const metricsOf = (samples: readonly CanonicalSample[]) => [...new Set(samples.map((s) => s.metric))].sort();

describe("vLLM V0 capture (Datadog fixture, vLLM ≈0.5, facebook/opt-125m)", () => {
  const samples = normalized("vllm/datadog-v0-opt-125m.txt");

  it("is recognised as the V0 engine, without a version", () => {
    expect(detectServer(familiesOf("vllm/datadog-v0-opt-125m.txt"))).toEqual({
      kind: "vllm",
      name: "vLLM (V0 engine)",
      version: null,
    });
  });

  it("populates exactly the families it exports, on replica all at the scrape time", () => {
    expect(metricsOf(samples)).toEqual([
      "generation_tokens_total",
      "itl_bucket_cumulative_ms",
      "kv_cache_percent",
      "latency_bucket_cumulative_ms",
      "prompt_tokens_total",
      "requests_running",
      "requests_waiting",
      "ttft_bucket_cumulative_ms",
    ]);
    expect(samples.every((s) => s.labels.replica === "all" && s.timestampMs === AT)).toBe(true);
  });

  it("maps gauges and token counters: running 0.0, waiting 0.0, KV 100 × 0.0, prompt 5.0, generation 7.0", () => {
    expect(series(samples, "requests_running")).toEqual({ "": 0 });
    expect(series(samples, "requests_waiting")).toEqual({ "": 0 });
    expect(series(samples, "kv_cache_percent")).toEqual({ "": 0 });
    expect(series(samples, "prompt_tokens_total")).toEqual({ "": 5 });
    expect(series(samples, "generation_tokens_total")).toEqual({ "": 7 });
  });

  it("converts histogram bounds from s to ms: TTFT le=0.5 s → 500 ms holds 1.0, TPOT le=0.05 s → 50 ms holds 6.0", () => {
    const ttft = series(samples, "ttft_bucket_cumulative_ms");
    expect(ttft).toMatchObject({ "le=250": 0, "le=500": 1, "le=1": 0, "le=+Inf": 1 });
    expect(Object.keys(ttft)).toHaveLength(17);
    expect(series(samples, "itl_bucket_cumulative_ms")).toMatchObject({ "le=25": 0, "le=50": 6, "le=+Inf": 6 });
    expect(series(samples, "latency_bucket_cumulative_ms")).toMatchObject({
      "le=1000": 1,
      "le=60000": 1,
      "le=+Inf": 1,
    });
  });

  it("takes no pending count from num_requests_running and no VRAM from the KV cache", () => {
    expect(samples.some((s) => s.metric === "pending_requests" || s.metric === "vram_percent")).toBe(false);
    expect(samples.some((s) => s.metric === "requests_total")).toBe(false);
  });
});

describe("vLLM capture with V0 and V1 names side by side (Datadog fixture, later revision)", () => {
  const samples = normalized("vllm/datadog-v0-v1-mixed-opt-125m.txt");

  it("is recognised as the V1 engine (kv_cache_usage_perc, inter_token_latency_seconds)", () => {
    expect(detectServer(familiesOf("vllm/datadog-v0-v1-mixed-opt-125m.txt"))?.name).toBe("vLLM (V1 engine)");
  });

  it("reads inter-token latency from the newer family only: 141 by 10 ms, 144 by 100 ms, not TPOT's 6", () => {
    expect(series(samples, "itl_bucket_cumulative_ms")).toEqual({ "le=10": 141, "le=100": 144, "le=+Inf": 144 });
  });

  it("reads the KV cache once (kv_cache_usage_perc wins over gpu_cache_usage_perc): 100 × 0.0", () => {
    expect(series(samples, "kv_cache_percent")).toEqual({ "": 0 });
  });

  it("maps the prefix cache counters: 64.0 hits of 117.0 queried tokens", () => {
    expect(series(samples, "prefix_cache_hits_total")).toEqual({ "": 64 });
    expect(series(samples, "prefix_cache_queries_total")).toEqual({ "": 117 });
    expect(samples.some((s) => s.metric === "prefix_cache_hit_percent")).toBe(false);
  });

  it("still takes neither pending nor VRAM from vLLM's gauges", () => {
    expect(series(samples, "requests_running")).toEqual({ "": 0 });
    expect(samples.some((s) => s.metric === "pending_requests" || s.metric === "vram_percent")).toBe(false);
  });
});

describe("vLLM API server's HTTP counters (vLLM docs, grep of a real /metrics)", () => {
  it("keeps the status class 2xx as the code: 201.0 requests; other http_* families ignored", () => {
    const samples = normalized("vllm/docs-http-requests.txt");
    expect(metricsOf(samples)).toEqual(["requests_total"]);
    expect(series(samples, "requests_total")).toEqual({ "code=2xx": 201 });
  });
});

describe("NVIDIA NIM capture (Datadog fixture, meta/llama-3.1-8b-instruct): vLLM's names, no prefix", () => {
  const samples = normalized("nim/datadog-llama-3.1-8b.txt");

  it("is recognised as NIM", () => {
    expect(detectServer(familiesOf("nim/datadog-llama-3.1-8b.txt"))?.name).toBe("NVIDIA NIM");
  });

  it("maps running 1.0, waiting 0.0, KV 100 × 0.0002848191398461977, prompt 109.0, generation 174.0", () => {
    expect(series(samples, "requests_running")).toEqual({ "": 1 });
    expect(series(samples, "requests_waiting")).toEqual({ "": 0 });
    expect(series(samples, "kv_cache_percent")[""]).toBeCloseTo(0.02848191398461977, 15);
    expect(series(samples, "prompt_tokens_total")).toEqual({ "": 109 });
    expect(series(samples, "generation_tokens_total")).toEqual({ "": 174 });
  });

  it("maps request_success_total 5.0 to 200 and request_failure_total 0.0 to 500", () => {
    expect(series(samples, "requests_total")).toEqual({ "code=200": 5, "code=500": 0 });
  });

  it("converts TTFT (2 by 20 ms, 4 by 40 ms, 5 by 750 ms), TPOT (168 by 25 ms) and e2e (5 by 1000 ms)", () => {
    expect(series(samples, "ttft_bucket_cumulative_ms")).toMatchObject({
      "le=10": 0,
      "le=20": 2,
      "le=40": 4,
      "le=500": 4,
      "le=750": 5,
      "le=+Inf": 5,
    });
    expect(series(samples, "itl_bucket_cumulative_ms")).toMatchObject({ "le=10": 0, "le=25": 168, "le=75": 169 });
    expect(series(samples, "latency_bucket_cumulative_ms")).toMatchObject({ "le=1000": 5, "le=+Inf": 5 });
  });

  it("takes no pending count and no VRAM from NIM's vLLM gauges", () => {
    expect(samples.some((s) => s.metric === "pending_requests" || s.metric === "vram_percent")).toBe(false);
  });
});

describe("SGLang capture (Datadog fixture, SGLang v0.5.10.post1)", () => {
  const samples = normalized("sglang/datadog-v0.5.10.txt");

  it("is recognised as SGLang", () => {
    expect(detectServer(familiesOf("sglang/datadog-v0.5.10.txt"))?.name).toBe("SGLang");
  });

  it("maps token_usage 0.25 → KV 25 %, cache_hit_rate 0.2 → prefix hits 20 %", () => {
    expect(series(samples, "kv_cache_percent")).toEqual({ "": 25 });
    expect(series(samples, "prefix_cache_hit_percent")).toEqual({ "": 20 });
  });

  it("maps queue 0, running 0, prompt 5, generation 32 (tp_rank and model_name dropped)", () => {
    expect(series(samples, "requests_waiting")).toEqual({ "": 0 });
    expect(series(samples, "requests_running")).toEqual({ "": 0 });
    expect(series(samples, "prompt_tokens_total")).toEqual({ "": 5 });
    expect(series(samples, "generation_tokens_total")).toEqual({ "": 32 });
  });

  it("converts TTFT (1 by 100 ms), inter-token (31 by 10 ms) and e2e (1 by 100 ms)", () => {
    expect(series(samples, "ttft_bucket_cumulative_ms")).toEqual({ "le=100": 1, "le=+Inf": 1 });
    expect(series(samples, "itl_bucket_cumulative_ms")).toEqual({ "le=10": 31, "le=+Inf": 31 });
    expect(series(samples, "latency_bucket_cumulative_ms")).toEqual({ "le=100": 1, "le=+Inf": 1 });
  });

  it("has no request counter, pending, prefix counters or VRAM", () => {
    expect(metricsOf(samples)).not.toContain("requests_total");
    expect(metricsOf(samples)).not.toContain("prefix_cache_hits_total");
    expect(metricsOf(samples)).not.toContain("vram_percent");
    expect(metricsOf(samples)).not.toContain("pending_requests");
  });
});

describe("TGI capture (Datadog fixture, trimmed to whole families)", () => {
  const samples = normalized("tgi/datadog-payload-trimmed.txt");

  it("is recognised as TGI", () => {
    expect(detectServer(familiesOf("tgi/datadog-payload-trimmed.txt"))?.name).toBe("TGI");
  });

  it("counts 109 successes as 200 and the 2 validation failures as 422, a client error — no 5xx at all", () => {
    expect(series(samples, "requests_total")).toEqual({ "code=200": 109, "code=422": 2 });
  });

  it("maps queue 0 → waiting, batch 0 → running, and the length histograms' sums: 662 prompt, 3423 generated", () => {
    expect(series(samples, "requests_waiting")).toEqual({ "": 0 });
    expect(series(samples, "requests_running")).toEqual({ "": 0 });
    expect(series(samples, "prompt_tokens_total")).toEqual({ "": 662 });
    expect(series(samples, "generation_tokens_total")).toEqual({ "": 3423 });
  });

  it("converts request duration to ms: 2 by 1.122274146401882 s = 1122.2741464 ms, 104 by 8522.26929924 ms", () => {
    const e2e = series(samples, "latency_bucket_cumulative_ms");
    expect(e2e).toMatchObject({
      "le=748.182764268": 0,
      "le=1122.2741464": 2,
      "le=8522.26929924": 104,
      "le=19175.1059233": 108,
      "le=+Inf": 109,
    });
    expect(Object.keys(e2e)).toHaveLength(36);
  });

  it("reads mean time per token as inter-token latency: 9 by 65.6840835571 ms, 109 by 98.5261253357 ms", () => {
    expect(series(samples, "itl_bucket_cumulative_ms")).toMatchObject({
      "le=43.7893890381": 0,
      "le=65.6840835571": 9,
      "le=98.5261253357": 109,
      "le=+Inf": 109,
    });
  });

  it("has no time to first token (TGI exports none) and no pending count", () => {
    expect(metricsOf(samples)).not.toContain("ttft_bucket_cumulative_ms");
    expect(metricsOf(samples)).not.toContain("pending_requests");
  });
});

describe("Triton capture (Datadog fixture, densenet_onnx among 8 models, one T4)", () => {
  const samples = normalized("triton/datadog-densenet-onnx.txt");

  it("is recognised as Triton without TensorRT-LLM", () => {
    expect(detectServer(familiesOf("triton/datadog-densenet-onnx.txt"))?.name).toBe("Triton");
  });

  it("counts per model: densenet_onnx 3 successes, every failure counter 0", () => {
    const requests = series(samples, "requests_total");
    expect(requests["code=200,model=densenet_onnx"]).toBe(3);
    expect(Object.keys(requests)).toHaveLength(16);
    expect(
      Object.entries(requests).filter(([key, value]) => key !== "code=200,model=densenet_onnx" && value !== 0),
    ).toEqual([]);
  });

  it("reads the pending request count as the queue of each of the 8 models (all 0)", () => {
    const waiting = series(samples, "requests_waiting");
    expect(Object.keys(waiting)).toHaveLength(8);
    expect(waiting["model=densenet_onnx"]).toBe(0);
  });

  it("maps GPU 100 × 0 and VRAM 266338304 ÷ 16106127360 B = 254 MiB ÷ 15 GiB = 1.6536458 %", () => {
    const gpu = "gpu=GPU-951eeeeb-d284-d263-688e-d98a5306389b";
    expect(series(samples, "gpu_percent")).toEqual({ [gpu]: 0 });
    expect(series(samples, "vram_percent")[gpu]).toBeCloseTo((254 / 15360) * 100, 10);
  });

  it("has no running batch, KV cache or latency histogram (durations are µs sums, not quantiles)", () => {
    expect(metricsOf(samples)).toEqual(["gpu_percent", "requests_total", "requests_waiting", "vram_percent"]);
  });
});

describe("Triton + TensorRT-LLM capture (tensorrtllm_backend README, Triton 23.11+)", () => {
  const samples = normalized("triton/trtllm-backend-readme.txt");

  it("is recognised as Triton with TensorRT-LLM", () => {
    expect(detectServer(familiesOf("triton/trtllm-backend-readme.txt"))?.name).toBe("Triton + TensorRT-LLM");
  });

  it("takes the KV cache as used ÷ max blocks = 1 ÷ 6239 = 0.016028 % (no fraction in this version)", () => {
    expect(series(samples, "kv_cache_percent")["model=tensorrt_llm"]).toBeCloseTo((1 / 6239) * 100, 12);
  });

  it("maps active 0 → running, and the pending count 0 → waiting (no TRT-LLM waiting type yet)", () => {
    expect(series(samples, "requests_running")).toEqual({ "model=tensorrt_llm": 0 });
    expect(series(samples, "requests_waiting")).toEqual({ "model=tensorrt_llm": 0 });
    expect(series(samples, "requests_total")).toEqual({
      "code=200,model=tensorrt_llm": 0,
      "code=500,model=tensorrt_llm": 0,
    });
  });

  it("reads no scheduled, context or max request count as running", () => {
    expect(metricsOf(samples)).toEqual(["kv_cache_percent", "requests_running", "requests_total", "requests_waiting"]);
  });
});

describe("DCGM exporter capture (Datadog fixture, one Tesla T4)", () => {
  const families = familiesOf("dcgm/datadog-tesla-t4.txt");

  it("is recognised as the GPU exporter", () => {
    expect(detectServer(families)?.name).toBe("DCGM exporter");
  });

  it("maps GPU 0 % and VRAM FB_USED 0 ÷ (0 + FB_FREE 15109) MiB = 0 % for gpu 0, nothing else", () => {
    const samples = normalizeGpuExporter(families, AT);
    expect(metricsOf(samples)).toEqual(["gpu_percent", "vram_percent"]);
    expect(series(samples, "gpu_percent")).toEqual({ "gpu=0": 0 });
    expect(series(samples, "vram_percent")).toEqual({ "gpu=0": 0 });
    expect(normalizeOpenMetrics(families, AT)).toEqual(samples);
  });
});
