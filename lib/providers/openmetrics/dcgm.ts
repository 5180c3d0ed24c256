import "server-only";
import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";
import { mapAndFold, type RuleSet } from "../map-samples";
import { FRACTION_TO_PERCENT } from "./rule-parts";

const perGpu = (sample: Sample) => ({ gpu: sample.labels.gpu ?? sample.labels.UUID ?? ALL_REPLICAS });

/** DCGM exporter: utilisation already in %, frame buffer in MiB (used ÷ (used + free), as nvidia-smi does). */
const DCGM_RULES: RuleSet = {
  samples: { DCGM_FI_DEV_GPU_UTIL: { metric: "gpu_percent", labels: perGpu } },
  ratios: [
    {
      metric: "vram_percent",
      numerator: { name: "DCGM_FI_DEV_FB_USED" },
      denominator: [{ name: "DCGM_FI_DEV_FB_USED" }, { name: "DCGM_FI_DEV_FB_FREE" }],
      labels: perGpu,
      ...FRACTION_TO_PERCENT,
    },
  ],
};

/**
 * A replica's GPU exporter (its `gpuUrl`) → gpu_percent and vram_percent per GPU, replica "all":
 * the provider merges them into the replica's series. MIG slices of one GPU are averaged. Pure.
 */
export function normalizeGpuExporter(families: readonly MetricFamily[], scrapedAtMs: number): CanonicalSample[] {
  return mapAndFold(families, DCGM_RULES, { scrapedAtMs, replicaOf: () => ALL_REPLICAS });
}
