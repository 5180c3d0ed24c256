import "server-only";
import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily } from "@/lib/openmetrics/types";
import { mapAndFold, type RuleSet } from "../map-samples";
import { normalizeGpuExporter } from "./dcgm";
import { detectServer, type ServerKind } from "./detect";
import { HTTP_REQUEST_RULES } from "./rule-parts";
import { SGLANG_RULES } from "./sglang";
import { TGI_RULES } from "./tgi";
import { TRITON_RULES } from "./triton";
import { NIM_REQUEST_RULES, vllmRules } from "./vllm";

const merged = (...sets: RuleSet[]): RuleSet => ({
  samples: Object.assign({}, ...sets.map((set) => set.samples)),
  ratios: sets.flatMap((set) => set.ratios ?? []),
});

/** Each server's rules, with the generic HTTP counters (vLLM's API server, any instrumented exporter). */
const RULES: Readonly<Record<Exclude<ServerKind, "dcgm">, RuleSet>> = {
  vllm: merged(vllmRules("vllm:"), HTTP_REQUEST_RULES),
  "vllm-ray": merged(vllmRules("ray_vllm:"), HTTP_REQUEST_RULES),
  nim: merged(vllmRules(""), NIM_REQUEST_RULES, HTTP_REQUEST_RULES),
  tgi: merged(TGI_RULES, HTTP_REQUEST_RULES),
  sglang: merged(SGLANG_RULES, HTTP_REQUEST_RULES),
  triton: merged(TRITON_RULES, HTTP_REQUEST_RULES),
};

/**
 * Self-hosted families → canonical samples, by the server `detectServer` recognises (replica="all":
 * one target URL is one server). A DCGM exporter scraped as a target maps as a GPU exporter. Pure.
 */
export function normalizeOpenMetrics(families: readonly MetricFamily[], scrapedAtMs: number): CanonicalSample[] {
  const kind = detectServer(families)?.kind;
  if (kind === "dcgm") return normalizeGpuExporter(families, scrapedAtMs);
  const rules = kind === undefined ? HTTP_REQUEST_RULES : RULES[kind];
  return mapAndFold(families, rules, { scrapedAtMs, replicaOf: () => ALL_REPLICAS });
}
