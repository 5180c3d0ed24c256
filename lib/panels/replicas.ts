import { fixed, notReported, queries } from "@/lib/backends/prometheus/plan";
import type { Series } from "@/lib/api/schemas";
import { notReportedReason } from "@/lib/model/platform";
import { toSeries } from "@/lib/query/panel-context";
import type { Values } from "@/lib/query/window-math";
import type { PanelPlans } from "./plan-types";

/** Shown where the running count is the endpoint's current state drawn flat, not history. */
export const CURRENT_STATE_WARNING =
  "replica count is the endpoint's current state: the platform reports no per-replica history";

/**
 * `running`: distinct replicas (not "all") with samples in each window; `max`: the scaling bound,
 * flat. Without per-replica data (Databricks), the endpoint's current ready count stands in.
 */
export const replicasPlans: PanelPlans = {
  reads: [],
  embedded(ctx) {
    const { endpoint, query, times } = ctx;
    const presence = ctx.source.readReplicaPresence(endpoint.id, query, query.replica).series;
    const { maxReplicas, readyReplicas } = endpoint.scaling;
    const flat = (value: number): Values => times.map(() => value);
    const series: Series[] = [];
    const warnings: string[] = [];
    if (presence.length > 0) {
      const running = times.map((_, k) => {
        const count = presence.filter((s) => (s.count[k] as number) > 0).length;
        return count === 0 ? null : count;
      });
      series.push(toSeries(ctx, "running", {}, running));
    } else if (readyReplicas !== null) {
      series.push(toSeries(ctx, "running", {}, flat(readyReplicas)));
      warnings.push(CURRENT_STATE_WARNING);
    } else if (maxReplicas === null) {
      return null;
    }
    if (maxReplicas !== null) series.push(toSeries(ctx, "max", {}, flat(maxReplicas)));
    return warnings.length > 0 ? { series, warnings } : { series };
  },
  promql: {
    huggingface(ctx) {
      const reporting = ["http_requests", "cpu_usage_percent"].map(
        (m) => `count_over_time(${ctx.sel(m)}[${ctx.window}])`,
      );
      const max = ctx.endpoint.scaling.maxReplicas;
      return queries([{ expr: `count(count by (replica_id) (${reporting.join(" or ")}))`, naming: fixed("running") }], {
        constants: max === null ? [] : [{ name: "max", labels: {}, value: max }],
      });
    },
    // A replica is running where any of its targets (server, GPU exporter) answered a scrape in the window.
    openmetrics: (ctx) =>
      queries([
        {
          expr: `count(count by (${ctx.replicaLabel}) (max_over_time(${ctx.sel("up")}[${ctx.window}]) == 1))`,
          naming: fixed("running"),
        },
      ]),
    databricks(ctx) {
      // No per-replica history: the current ready count drawn flat, as the embedded store does.
      const { readyReplicas, maxReplicas } = ctx.endpoint.scaling;
      const constants = [
        ...(readyReplicas === null ? [] : [{ name: "running", labels: {}, value: readyReplicas }]),
        ...(maxReplicas === null ? [] : [{ name: "max", labels: {}, value: maxReplicas }]),
      ];
      if (constants.length === 0) return notReported(notReportedReason(ctx.endpoint));
      return queries([], { constants, warnings: readyReplicas === null ? [] : [CURRENT_STATE_WARNING] });
    },
  },
};
