import type { Series } from "@/lib/api/schemas";
import type { CanonicalMetric } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { compareNatural } from "@/lib/model/natural-order";
import { OTHER_SERIES, panelMeta } from "@/lib/panels/catalog";
import { toPoints } from "@/lib/time/grid";
import type { Store } from "@/lib/store/store";
import type { SeriesWindows, WindowQuery } from "@/lib/store/windows";
import type { PanelQuery } from "./types";
import { tabulate, type Values } from "./window-math";

/** What the panel computations read: the store's windowed view of one endpoint. */
export type WindowSource = Pick<Store, "eachWindows" | "readReplicaPresence" | "listMetrics">;

export interface PanelContext {
  source: WindowSource;
  endpoint: DiscoveredEndpoint;
  query: PanelQuery;
  /** Metrics this endpoint has reported. */
  metrics: ReadonlySet<CanonicalMetric>;
  /** The grid: fromMs + k·stepMs, both ends inclusive. */
  times: number[];
  /** Notes for the answer's `warnings`, added while reading. */
  warnings: string[];
}

/** Series of a panel; null when the endpoint never reported what the panel needs. */
export type PanelResult = { series: Series[]; warnings?: string[] } | null;

/** How many groups one fold keeps apart: past it, series go into "other", so a query's memory stays bounded. */
export const MAX_FOLD_GROUPS = 1000;

/**
 * Reads one metric's series one at a time, each turned into values per grid point by `valuesOf`,
 * and combines them point-wise per group `keyOf` (sum, or mean of the series that have a value);
 * null where no series of the group has one. Groups come out sorted by key, with the labels of
 * their first series. Past MAX_FOLD_GROUPS groups, a new one goes where the panel folds it.
 */
export function foldMetric(
  ctx: PanelContext,
  metric: CanonicalMetric,
  keyOf: (labels: Record<string, string>) => string,
  valuesOf: (windows: SeriesWindows) => Values,
  combine: "sum" | "mean",
  labelIn?: WindowQuery["labelIn"],
): FoldedGroup[] {
  const { query, endpoint, times } = ctx;
  const groups = new Map<string, { sum: Float64Array; count: Uint32Array; labels: Record<string, string> }>();
  const range = { fromMs: query.fromMs, toMs: query.toMs, stepMs: query.stepMs };
  const overflowInto = panelMeta(query.panel).fold?.into ?? (() => OTHER_SERIES);
  let overflowed = 0;
  ctx.source.eachWindows({ endpointId: endpoint.id, metric, replica: query.replica, labelIn, ...range }, (windows) => {
    let key = keyOf(windows.labels);
    if (!groups.has(key) && groups.size >= MAX_FOLD_GROUPS) {
      key = overflowInto(key);
      overflowed += 1;
    }
    let group = groups.get(key);
    if (!group) {
      const n = times.length;
      groups.set(key, (group = { sum: new Float64Array(n), count: new Uint32Array(n), labels: windows.labels }));
    }
    valuesOf(windows).forEach((value, k) => {
      if (value === null) return;
      group.sum[k] = (group.sum[k] as number) + value;
      group.count[k] = (group.count[k] as number) + 1;
    });
  });
  if (overflowed > 0)
    ctx.warnings.push(`more than ${MAX_FOLD_GROUPS} series of ${metric}: ${overflowed} were folded as they were read`);
  return [...groups]
    .sort(([a], [b]) => compareNatural(a, b))
    .map(([key, { sum, count, labels }]) => ({
      key,
      labels,
      values: tabulate(sum.length, (k) => {
        const n = count[k] as number;
        const total = sum[k] as number;
        return n === 0 ? null : combine === "sum" ? total : total / n;
      }),
    }));
}

/** Every series of `metric` combined into one; all gaps when the endpoint never reported it. */
export function foldToOne(
  ctx: PanelContext,
  metric: CanonicalMetric,
  valuesOf: (windows: SeriesWindows) => Values,
  combine: "sum" | "mean",
): Values {
  const [all] = ctx.metrics.has(metric) ? foldMetric(ctx, metric, () => metric, valuesOf, combine) : [];
  return all?.values ?? ctx.times.map(() => null);
}

export interface FoldedGroup {
  key: string;
  values: Values;
  /** The labels of the group's first series. */
  labels: Record<string, string>;
}

export function toSeries(ctx: PanelContext, name: string, labels: Record<string, string>, values: Values): Series {
  return { name, labels, points: toPoints(ctx.times, values) };
}
