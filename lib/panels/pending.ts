import { byLabel, fixed, queries } from "@/lib/backends/prometheus/plan";
import { ALL_REPLICAS, type CanonicalMetric } from "@/lib/model/canonical";
import { compareNatural } from "@/lib/model/natural-order";
import { foldMetric, foldToOne, toSeries, type PanelContext, type PanelResult } from "@/lib/query/panel-context";
import type { Values } from "@/lib/query/window-math";
import { gaugeSeries, gaugeValues } from "./per-replica";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED } from "./self-hosted-families";

/** What is pending on an LLM server: queued requests and those in the running batch. */
const PARTS = [
  { name: "waiting", metric: "requests_waiting" },
  { name: "running", metric: "requests_running" },
] as const;

/** Servers reporting one in-flight gauge: the first of these they have is what is pending. */
const SINGLE_GAUGES: readonly CanonicalMetric[] = ["pending_requests", "requests_waiting", "requests_running"];

/**
 * In-flight requests, summed over replicas: `waiting` and `running` where the server reports both,
 * else one `pending` series; with `by=replica` one series per replica (waiting + running there).
 */
export const pendingPlans: PanelPlans = {
  reads: SINGLE_GAUGES,
  embedded(ctx) {
    if (PARTS.every(({ metric }) => ctx.metrics.has(metric))) return waitingAndRunning(ctx);
    const gauge = SINGLE_GAUGES.find((metric) => ctx.metrics.has(metric));
    return gauge ? gaugeSeries(ctx, gauge, "pending", "sum") : null;
  },
  promql: {
    huggingface(ctx) {
      const gauge = ctx.overTime("pending_requests");
      return queries([
        ctx.byReplica
          ? { expr: `sum by (replica_id) (${gauge})`, naming: byLabel("replica_id", "replica") }
          : { expr: `sum(${gauge})`, naming: fixed("pending") },
      ]);
    },
    openmetrics(ctx) {
      const [waiting, running] = PARTS.map(({ metric }) => SELF_HOSTED[metric](ctx, ctx.gaugeOver)) as [string, string];
      // Triton without TensorRT-LLM has only its pending count: one `pending` series, as in the store.
      if (!ctx.byReplica)
        return queries(
          [
            { expr: `sum(${waiting})`, naming: fixed("waiting") },
            { expr: `sum(${running})`, naming: fixed("running") },
          ],
          { alone: { names: PARTS.map(({ name }) => name), as: "pending" } },
        );
      // Told apart before `or`, which would keep one of two series with the same labels.
      const parts = `label_replace(${waiting}, "part", "waiting", "", "") or label_replace(${running}, "part", "running", "", "")`;
      return queries([
        { expr: `sum by (${ctx.replicaLabel}) (${parts})`, naming: byLabel(ctx.replicaLabel, "replica") },
      ]);
    },
  },
};

function waitingAndRunning(ctx: PanelContext): PanelResult {
  if (ctx.query.by !== "replica") {
    return {
      series: PARTS.map(({ name, metric }) => toSeries(ctx, name, {}, foldToOne(ctx, metric, gaugeValues(ctx), "sum"))),
    };
  }
  const perReplica = new Map<string, Values>();
  for (const { metric } of PARTS) {
    const groups = foldMetric(ctx, metric, (labels) => labels.replica ?? ALL_REPLICAS, gaugeValues(ctx), "sum");
    for (const { key, values } of groups) perReplica.set(key, addValues(perReplica.get(key), values));
  }
  return {
    series: [...perReplica]
      .sort(([a], [b]) => compareNatural(a, b))
      .map(([replica, values]) => toSeries(ctx, replica, { replica }, values)),
  };
}

/** Point-wise sum; a gap only where both are gaps. */
function addValues(a: Values | undefined, b: Values): Values {
  if (!a) return b;
  return a.map((x, k) => {
    const y = b[k] ?? null;
    return x === null ? y : y === null ? x : x + y;
  });
}
