import type { Series } from "@/lib/api/schemas";
import type { CanonicalMetric } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { toPoints } from "@/lib/time/grid";
import type { Store } from "@/lib/store/store";
import type { SeriesWindows } from "@/lib/store/windows";
import type { PanelQuery } from "./types";
import type { Values } from "./window-math";

/** What the panel computations read: the store's windowed view of one endpoint. */
export type WindowSource = Pick<Store, "readWindows" | "readReplicaPresence" | "listMetrics">;

export interface PanelContext {
  source: WindowSource;
  endpoint: DiscoveredEndpoint;
  query: PanelQuery;
  /** Metrics this endpoint has reported. */
  metrics: ReadonlySet<CanonicalMetric>;
  /** The grid: fromMs + k·stepMs, both ends inclusive. */
  times: number[];
}

/** Series of a panel; null when the endpoint never reported what the panel needs. */
export type PanelResult = { series: Series[]; warnings?: string[] } | null;

export function readMetric(ctx: PanelContext, metric: CanonicalMetric): SeriesWindows[] {
  const { query, endpoint } = ctx;
  return ctx.source.readWindows({
    endpointId: endpoint.id,
    metric,
    replica: query.replica,
    fromMs: query.fromMs,
    toMs: query.toMs,
    stepMs: query.stepMs,
  }).series;
}

export function toSeries(ctx: PanelContext, name: string, labels: Record<string, string>, values: Values): Series {
  return { name, labels, points: toPoints(ctx.times, values) };
}
