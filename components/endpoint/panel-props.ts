import type { SeriesRequest } from "@/lib/api/client";
import type { GroupBy, Panel } from "@/lib/api/schemas";
import type { ChartSeries } from "@/lib/chart/prepare-series";

/** What a legend click does, decided once by the dashboard for every panel. */
export interface LegendBehaviour {
  soloFor: (panel: Panel) => string | null;
  select: (panel: Panel, series: ChartSeries) => void;
  describe: (panel: Panel, series: ChartSeries) => string;
}

/** The range, chart width and replica every panel of the page asks for. */
export type BaseRequest = Omit<SeriesRequest, "panel" | "by">;

export function toRequest(base: BaseRequest | null, panel: Panel, by: GroupBy | undefined): SeriesRequest | null {
  return base && { ...base, panel, ...(by ? { by } : {}) };
}
