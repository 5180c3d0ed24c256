import { fixed, queries } from "@/lib/backends/prometheus/plan";
import { gaugeSeries } from "./per-replica";
import type { PanelPlans } from "./plan-types";

/** Databricks' provisioned concurrency, averaged over the window. */
export const concurrencyPlans: PanelPlans = {
  reads: ["provisioned_concurrency"],
  embedded: (ctx) => gaugeSeries(ctx, "provisioned_concurrency", "provisioned", "sum"),
  promql: {
    databricks: (ctx) =>
      queries([
        { expr: `sum(${ctx.overTime("provisioned_concurrent_requests_total")})`, naming: fixed("provisioned") },
      ]),
  },
};
