import "server-only";
import { byLabel, fixed, type PromContext, type PromQuery } from "@/lib/backends/prometheus/plan";

/**
 * A self-hosted gauge (% of something) as the embedded store folds it: engines and MIG slices
 * averaged into one series per replica and `within` (Triton's model, a GPU), then the mean of
 * those, or with `by=replica` one per replica (per GPU: "<replica>/<gpu>").
 */
export function selfHostedMeanQuery(ctx: PromContext, vector: string, within: "model" | "gpu"): PromQuery {
  const replica = ctx.replicaLabel;
  const perSeries = `avg by (${replica}, ${within}) (${vector})`;
  if (!ctx.byReplica) return { expr: `avg(${perSeries})`, naming: fixed("avg") };
  if (within === "model") return { expr: `avg by (${replica}) (${perSeries})`, naming: byLabel(replica, "replica") };
  const from = [
    { label: replica, as: "replica" },
    { label: "gpu", as: "gpu" },
  ];
  return { expr: perSeries, naming: { kind: "labels", from } };
}
