import type { SeriesResponse } from "@/lib/api/schemas";
import { panelMeta } from "@/lib/panels/catalog";
import type { PanelQuery } from "./types";

/** A panel's answer on the query's grid, before any series is added: every backend starts from it. */
export function emptyAnswer(query: PanelQuery): SeriesResponse {
  return {
    panel: query.panel,
    unit: panelMeta(query.panel).unit,
    from: query.fromMs,
    to: query.toMs,
    stepMs: query.stepMs,
    series: [],
  };
}
