import type { SeriesRequest } from "@/lib/api/client";
import type { EndpointDetail, Panel } from "@/lib/api/schemas";
import type { ChartSeries } from "@/lib/chart/prepare-series";
import type { ChartFrame } from "@/components/charts/time-series-chart";

/** What a legend click does, decided once by the dashboard for every panel. */
export interface LegendBehaviour {
  soloFor: (panel: Panel) => string | null;
  select: (panel: Panel, series: ChartSeries) => void;
  describe: (panel: Panel, series: ChartSeries) => string;
}

/** Everything a view needs to draw its panels. */
export interface ViewProps {
  endpoint: EndpointDetail | undefined;
  /** The shared range, step and replica; null until the chart width is known. */
  baseRequest: Omit<SeriesRequest, "panel"> | null;
  frame: ChartFrame;
  notReportedTitle: string;
  legend: LegendBehaviour;
}

export function toRequest(
  base: Omit<SeriesRequest, "panel"> | null,
  panel: Panel,
  by?: SeriesRequest["by"],
): SeriesRequest | null {
  return base && { ...base, panel, ...(by ? { by } : {}) };
}
