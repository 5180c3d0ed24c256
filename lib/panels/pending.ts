import { byLabel, fixed, queries } from "@/lib/backends/prometheus/plan";
import { gaugeSeries } from "./per-replica";
import type { PanelPlans } from "./plan-types";

/** In-flight requests: the sum over replicas of window averages, or one series per replica. */
export const pendingPlans: PanelPlans = {
  embedded: (ctx) => gaugeSeries(ctx, "pending_requests", "pending", "sum"),
  promql: {
    huggingface(ctx) {
      const gauge = ctx.overTime("pending_requests");
      return queries([
        ctx.byReplica
          ? { expr: `sum by (replica_id) (${gauge})`, naming: byLabel("replica_id", "replica") }
          : { expr: `sum(${gauge})`, naming: fixed("pending") },
      ]);
    },
  },
};
