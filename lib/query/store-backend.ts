import { PANEL_UNITS, SERIES_LIMITS, type Panel, type Series, type SeriesResponse } from "@/lib/api/schemas";
import { ALL_REPLICAS } from "@/lib/model/canonical";
import { gridLength, gridTimes } from "@/lib/series/grid";
import { alignRange, chooseStepMs } from "@/lib/series/step";
import { latencyPanel } from "./latency-panel";
import type { PanelContext, PanelResult, WindowSource } from "./panel-context";
import { notReportedReason } from "./platform";
import { replicasPanel } from "./replicas-panel";
import { requestsPanel } from "./requests-panel";
import type { PanelQuery, SeriesBackend } from "./types";
import { concurrencyPanel, pendingPanel, usagePanel } from "./usage-panels";

const PANELS: Record<Panel, (ctx: PanelContext) => PanelResult> = {
  requests: requestsPanel,
  pending: pendingPanel,
  latency: latencyPanel,
  replicas: replicasPanel,
  cpu: usagePanel,
  memory: usagePanel,
  gpu: usagePanel,
  vram: usagePanel,
  concurrency: concurrencyPanel,
};

/** The SeriesBackend over the embedded store (semantics in lib/query/README.md). */
export function createStoreBackend(store: WindowSource): SeriesBackend {
  return {
    async queryPanel(endpoint, requested) {
      const query = capPoints(requested);
      const ctx: PanelContext = {
        source: store,
        endpoint,
        query,
        metrics: store.listMetrics(endpoint.id),
        times: gridTimes(query.fromMs, query.toMs, query.stepMs),
      };
      const result = PANELS[query.panel](ctx);
      const response: SeriesResponse = {
        panel: query.panel,
        unit: PANEL_UNITS[query.panel],
        from: query.fromMs,
        to: query.toMs,
        stepMs: query.stepMs,
        series: (result?.series ?? []).filter((series) => !isAbsentReplica(series)),
      };
      if (!result) response.notReported = notReportedReason(endpoint);
      else if (result.warnings) response.warnings = result.warnings;
      return response;
    },
  };
}

/**
 * A replica's own series with no point in the range: a replica that had gone (or not yet come)
 * is not part of this range's answer. Aggregate series keep their gaps ("no data in this range").
 */
function isAbsentReplica(series: Series): boolean {
  const replica = series.labels.replica;
  return replica !== undefined && replica !== ALL_REPLICAS && series.points.every(([, value]) => value === null);
}

/** A query over the point cap gets a coarser step (the response says which). */
function capPoints(query: PanelQuery): PanelQuery {
  const { fromMs, toMs, stepMs } = query;
  if (gridLength(fromMs, toMs, stepMs) <= SERIES_LIMITS.maxPointsPerSeries) return query;
  const coarser = chooseStepMs(toMs - fromMs, {
    scrapeIntervalMs: stepMs,
    maxPoints: SERIES_LIMITS.maxPointsPerSeries,
  });
  return { ...query, ...alignRange(fromMs, toMs, coarser), stepMs: coarser };
}
