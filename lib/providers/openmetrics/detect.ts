import "server-only";
import { z } from "zod";
import type { MetricFamily } from "@/lib/openmetrics/types";

export const ServerKindSchema = z.enum(["vllm", "vllm-ray", "nim", "tgi", "sglang", "triton", "dcgm"]);
export type ServerKind = z.infer<typeof ServerKindSchema>;

/** The server an exposition comes from, as the endpoint header names it. */
export const DetectedServerSchema = z.object({
  kind: ServerKindSchema,
  /** e.g. "vLLM (V1 engine)", "Triton + TensorRT-LLM". */
  name: z.string(),
  /** None of these servers puts its own version in /metrics (vLLM's cache_config_info has none): null. */
  version: z.string().nullable(),
});
export type DetectedServer = z.infer<typeof DetectedServerSchema>;

/** Families only vLLM's V1 engine exports (V1 also keeps some deprecated V0 names for a while). */
const V1_ONLY = [
  "kv_cache_usage_perc",
  "inter_token_latency_seconds",
  "prefix_cache_queries",
  "prefix_cache_queries_total",
];
/** vLLM's families that NVIDIA NIM re-exports without the prefix. */
const NIM_MARKERS = ["time_to_first_token_seconds", "gpu_cache_usage_perc", "kv_cache_usage_perc"];

function vllmEngine(families: readonly MetricFamily[], prefix: string): string {
  const own = families.filter((family) => family.name.startsWith(prefix));
  const v1 =
    own.some((family) => V1_ONLY.includes(family.name.slice(prefix.length))) ||
    own.some((family) => family.samples.some((sample) => sample.labels.engine !== undefined));
  return v1 ? "V1 engine" : "V0 engine";
}

/** Recognises the server by its families' names; null for anything else (generic counters still map). */
export function detectServer(families: readonly MetricFamily[]): DetectedServer | null {
  const names = new Set(families.map((family) => family.name));
  const any = (prefix: string) => families.some((family) => family.name.startsWith(prefix));
  const server = (kind: ServerKind, name: string): DetectedServer => ({ kind, name, version: null });
  if (any("vllm:")) return server("vllm", `vLLM (${vllmEngine(families, "vllm:")})`);
  if (any("ray_vllm:")) return server("vllm-ray", `vLLM on Ray Serve (${vllmEngine(families, "ray_vllm:")})`);
  if (any("sglang:")) return server("sglang", "SGLang");
  if (any("tgi_")) return server("tgi", "TGI");
  if (any("nv_trt_llm_")) return server("triton", "Triton + TensorRT-LLM");
  if (any("nv_inference_") || any("nv_gpu_")) return server("triton", "Triton");
  if (any("DCGM_FI_")) return server("dcgm", "DCGM exporter");
  if (names.has("num_requests_running") && NIM_MARKERS.some((name) => names.has(name))) {
    return server("nim", "NVIDIA NIM");
  }
  return null;
}
