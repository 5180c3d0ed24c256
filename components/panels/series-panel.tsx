"use client";

import { useMemo, type ReactNode } from "react";
import type { SeriesRequest } from "@/lib/api/client";
import type { SeriesResponse } from "@/lib/api/schemas";
import { formatValue } from "@/lib/chart/format";
import {
  getLatestValues,
  prepareSeries,
  withBand,
  type ChartSeries,
  type PreparedChart,
} from "@/lib/chart/prepare-series";
import { useSeries } from "@/lib/hooks/use-series";
import { ChartLegend } from "@/components/charts/chart-legend";
import { TimeSeriesChart, type ChartFrame, type ThresholdLine } from "@/components/charts/time-series-chart";
import { Button } from "@/components/ui/button";
import { ChartCard } from "./chart-card";
import { DataSourceLine } from "./data-source-line";
import { ChartMessage, ChartSkeleton, RefetchOverlay } from "./chart-states";
import { downloadCsv } from "./download-csv";

export interface SeriesPanelProps {
  title: string;
  /** Null until the chart width is known; the panel shows its skeleton meanwhile. */
  request: SeriesRequest | null;
  /** The heading of the not-reported state ("Not reported by Databricks"); the API's reason follows it. */
  notReportedTitle: string;
  frame: ChartFrame;
  soloName: string | null;
  onLegendSelect: (series: ChartSeries) => void;
  describeLegendAction: (series: ChartSeries) => string;
  /** Toggles shown in the panel header. */
  actions?: ReactNode;
  /** Content between header and chart (e.g. the % per status class). */
  renderSummary?: (response: SeriesResponse) => ReactNode;
  note?: ReactNode;
  band?: { low: string; high: string; color: string };
  stepped?: boolean;
  stacked?: boolean;
  thresholds?: ThresholdLine[];
  height?: number;
}

/** One panel: its query, its loading / error / not-reported / empty states, and the chart. */
export function SeriesPanel(props: SeriesPanelProps) {
  const { title, request, height = 200 } = props;
  const query = useSeries(request);
  const panel = request?.panel ?? "requests";
  const band = props.band;
  const prepared = useMemo(() => (query.data ? prepareChart(query.data, band) : null), [query.data, band]);

  const csvButton = prepared?.hasData && (
    <Button
      className="h-7 text-xs"
      onClick={() =>
        downloadCsv(
          prepared,
          `${request?.endpointId ?? "endpoint"}-${prepared.panel}-${prepared.fromMs}-${prepared.toMs}.csv`,
        )
      }
      aria-label={`Export ${title} as CSV`}
    >
      CSV
    </Button>
  );

  return (
    <ChartCard
      panel={panel}
      title={title}
      unit={query.data?.unit}
      stepMs={query.data?.stepMs}
      actions={
        <>
          {/* Grouping a panel the endpoint does not report would change nothing. */}
          {query.data?.notReported === undefined && props.actions}
          {csvButton}
        </>
      }
    >
      {query.data?.source && <DataSourceLine source={query.data.source} timeZone={props.frame.timeZone} />}
      {query.data && props.renderSummary?.(query.data)}
      {query.data?.warnings?.map((warning) => (
        <p key={warning} className="mb-1 text-xs text-amber-700 dark:text-amber-400">
          {warning}
        </p>
      ))}
      <PanelBody {...props} prepared={prepared} query={query} height={height} />
      {props.note && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{props.note}</p>}
    </ChartCard>
  );
}

type PanelBodyProps = SeriesPanelProps & {
  prepared: PreparedChart | null;
  query: ReturnType<typeof useSeries>;
  height: number;
};

function PanelBody(props: PanelBodyProps) {
  const { prepared, query, height, title, notReportedTitle, frame, soloName } = props;
  const soloKey = prepared?.series.find((s) => s.name === soloName)?.key ?? null;
  // One Set per isolation, not per render: the chart is memoised on it.
  const hiddenKeys = useMemo(
    () => new Set(soloKey && prepared ? prepared.series.filter((s) => s.key !== soloKey).map((s) => s.key) : []),
    [prepared, soloKey],
  );
  if (query.isError && !query.data) {
    return (
      <ChartMessage state="error" height={height} title={`Could not load ${title.toLowerCase()}`}>
        <p>{query.error.message}</p>
        <Button className="mt-2 h-7 text-xs" onClick={() => void query.refetch()}>
          Retry
        </Button>
      </ChartMessage>
    );
  }
  if (!query.data || !prepared) return <ChartSkeleton height={height} />;
  if (query.data.notReported !== undefined) {
    const reason = query.data.notReported;
    return (
      <ChartMessage state="not-reported" height={height} title={notReportedTitle}>
        {reason.toLowerCase() === notReportedTitle.toLowerCase() ? null : reason}
      </ChartMessage>
    );
  }
  const refetching = query.isPlaceholderData;
  if (!prepared.hasData) {
    return (
      <RefetchOverlay active={refetching}>
        <ChartMessage state="empty" height={height} title="No data in this range">
          Nothing was recorded between these times. Try a wider range.
        </ChartMessage>
      </RefetchOverlay>
    );
  }
  const latest = getLatestValues(prepared);
  const summary = latest.map(({ series, value }) => `${series.name} ${formatValue(value, prepared.unit)}`).join(", ");
  return (
    <>
      {query.isError && (
        <p role="alert" className="mb-1 text-xs text-red-700 dark:text-red-400">
          Refresh failed: {query.error.message}
        </p>
      )}
      <RefetchOverlay active={refetching}>
        <div role="img" aria-label={`${title}. Latest: ${summary}.`} data-state="chart">
          <TimeSeriesChart
            chart={prepared}
            frame={frame}
            hiddenKeys={hiddenKeys}
            bandColor={soloKey ? undefined : props.band?.color}
            stepped={props.stepped}
            stacked={props.stacked}
            thresholds={props.thresholds}
            height={height}
          />
        </div>
      </RefetchOverlay>
      <ChartLegend
        entries={latest}
        unit={prepared.unit}
        soloName={soloKey ? soloName : null}
        onSelect={props.onLegendSelect}
        describeAction={props.describeLegendAction}
      />
    </>
  );
}

function prepareChart(response: SeriesResponse, band: SeriesPanelProps["band"]): PreparedChart {
  const chart = prepareSeries(response);
  return band ? withBand(chart, band.low, band.high) : chart;
}
