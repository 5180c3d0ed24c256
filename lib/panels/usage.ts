import { byLabel, fixed, queries, type PromContext, type PromQuery } from "@/lib/backends/prometheus/plan";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { gaugeSeries } from "./per-replica";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED, type Term } from "./self-hosted-families";
import { selfHostedMeanQuery } from "./self-hosted-queries";

/** A resource gauge as each platform names it. */
interface UsageNames {
  metric: CanonicalMetric;
  /** Hugging Face's per-replica family. */
  huggingFace: string;
  /** Databricks' families (a renamed one under both names), averaged over replicas. */
  databricks: readonly string[];
  /** Reported per GPU (a `gpu` label). */
  perGpu: boolean;
  /** Self-hosted servers' families (or their GPU exporters'), per GPU; none report CPU or memory. */
  selfHosted?: Term;
}

function perReplicaQuery(ctx: PromContext, gauge: string, perGpu: boolean): PromQuery {
  if (!ctx.byReplica) return { expr: `avg(${gauge})`, naming: fixed("avg") };
  if (!perGpu) return { expr: `avg by (replica_id) (${gauge})`, naming: byLabel("replica_id", "replica") };
  const from = [
    { label: "replica_id", as: "replica" },
    { label: "gpu", as: "gpu" },
  ];
  return { expr: `avg by (replica_id, gpu) (${gauge})`, naming: { kind: "labels", from } };
}

function databricksQuery(ctx: PromContext, gauge: string, perGpu: boolean): PromQuery {
  if (!ctx.byReplica) return { expr: `avg(${gauge})`, naming: fixed("avg") };
  // Databricks reports only the average over replicas: per replica, that is the one "all" series (per GPU).
  if (!perGpu) return { expr: `avg(${gauge})`, naming: fixed("all", { replica: "all" }) };
  return {
    expr: `avg by (gpu) (${gauge})`,
    naming: { kind: "labels", from: [{ label: "gpu", as: "gpu" }], extra: { replica: "all" } },
  };
}

/** CPU, memory, GPU, VRAM %: the mean over replicas (and GPUs) of window averages, or one series each. */
function usagePlans(names: UsageNames): PanelPlans {
  const { selfHosted } = names;
  return {
    reads: [names.metric],
    embedded: (ctx) => gaugeSeries(ctx, names.metric, "avg", "mean"),
    promql: {
      huggingface: (ctx) => queries([perReplicaQuery(ctx, ctx.overTime(names.huggingFace), names.perGpu)]),
      databricks: (ctx) =>
        queries([databricksQuery(ctx, names.databricks.map((m) => ctx.overTime(m)).join(" or "), names.perGpu)]),
      ...(selfHosted
        ? { openmetrics: (ctx) => queries([selfHostedMeanQuery(ctx, selfHosted(ctx, ctx.gaugeOver), "gpu")]) }
        : {}),
    },
  };
}

export const cpuPlans = usagePlans({
  metric: "cpu_percent",
  huggingFace: "cpu_usage_percent",
  databricks: ["cpu_usage_percentage"],
  perGpu: false,
});
export const memoryPlans = usagePlans({
  metric: "memory_percent",
  huggingFace: "memory_usage_percent",
  databricks: ["mem_usage_percentage"],
  perGpu: false,
});
export const gpuPlans = usagePlans({
  metric: "gpu_percent",
  huggingFace: "gpu_usage_percent",
  databricks: ["gpu_usage_percentage"],
  perGpu: true,
  selfHosted: SELF_HOSTED.gpu_percent,
});
export const vramPlans = usagePlans({
  metric: "vram_percent",
  huggingFace: "gpu_memory_usage_percent",
  databricks: ["gpu_memory_usage_percentage", "gpu_mem_usage_percentage"],
  perGpu: true,
  selfHosted: SELF_HOSTED.vram_percent,
});
