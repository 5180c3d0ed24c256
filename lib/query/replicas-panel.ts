import type { Series } from "@/lib/api/schemas";
import { toSeries, type PanelContext, type PanelResult } from "./panel-context";
import type { Values } from "./window-math";

/** Shown where the running count is the endpoint's current state drawn flat, not history. */
export const CURRENT_STATE_WARNING =
  "replica count is the endpoint's current state: the platform reports no per-replica history";

/**
 * `running`: distinct replicas (not "all") with samples in each window; `max`: the scaling bound,
 * flat. Without per-replica data (Databricks), the endpoint's current ready count stands in.
 */
export function replicasPanel(ctx: PanelContext): PanelResult {
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
}
