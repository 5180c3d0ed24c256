import "server-only";
import type { Series, SeriesResponse } from "@/lib/api/schemas";
import { ALL_REPLICAS } from "@/lib/model/canonical";
import { panelMeta } from "@/lib/panels/catalog";
import { panelNotReportedReason } from "@/lib/panels/not-reported";
import { PANEL_PLANS } from "@/lib/panels/plans";
import { gridTimes } from "@/lib/time/grid";
import { capSeries } from "./cap-series";
import { emptyAnswer } from "./panel-answer";
import type { PanelContext, WindowSource } from "./panel-context";
import type { SeriesBackend } from "./types";

/** The SeriesBackend over the embedded store (semantics in lib/query/README.md). */
export function createStoreBackend(store: WindowSource): SeriesBackend {
  return {
    async queryPanel(endpoint, query) {
      const plans = PANEL_PLANS[query.panel];
      const reported = store.listMetrics(endpoint.id);
      const ctx: PanelContext = {
        source: store,
        endpoint,
        query,
        // A plan sees only what it declares reading, so its `reads` is what decides whether it answers.
        metrics: new Set(plans.reads.filter((metric) => reported.has(metric))),
        times: gridTimes(query.fromMs, query.toMs, query.stepMs),
        warnings: [],
      };
      const result = plans.embedded(ctx);
      const meta = panelMeta(query.panel);
      const capped = capSeries(
        (result?.series ?? []).filter((series) => !isAbsentReplica(series)),
        meta.fold,
      );
      const response: SeriesResponse = { ...emptyAnswer(query), series: capped.series };
      const warnings = [...(result?.warnings ?? []), ...ctx.warnings, ...(capped.warning ? [capped.warning] : [])];
      if (!result) response.notReported = panelNotReportedReason(query.panel, endpoint);
      else if (warnings.length > 0) response.warnings = warnings;
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
