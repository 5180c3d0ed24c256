"use client";

import { notFound } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiRequestError } from "@/lib/api/client";
import type { Panel } from "@/lib/api/schemas";
import { toChartMarkers } from "@/lib/chart/markers";
import type { ChartSeries } from "@/lib/chart/prepare-series";
import { useEndpoint } from "@/lib/hooks/use-endpoints";
import { useEvents } from "@/lib/hooks/use-events";
import { reporterName } from "@/lib/model/platform";
import { offeredViews, VIEWS, ViewSchema } from "@/lib/panels/catalog";
import { resolveTimeRange, shiftRange, zoomOut, zoomTo, type TimeRange } from "@/lib/time/range";
import type { ChartFrame } from "@/components/charts/time-series-chart";
import { DashboardToolbar } from "@/components/endpoint/dashboard-toolbar";
import { EndpointHeader } from "@/components/endpoint/endpoint-header";
import type { BaseRequest, LegendBehaviour } from "@/components/endpoint/panel-props";
import { useElementWidth } from "@/components/endpoint/use-element-width";
import { ViewPanels } from "@/components/endpoint/view-panels";
import { LogsPanel } from "@/components/logs/logs-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { groupingOf, REFRESH_INTERVALS, withGrouping } from "./search-params";
import { useDashboardParams } from "./use-dashboard-params";

const TIME_ZONE = "UTC";
const GRID_GAP_PX = 16;
/** Card padding and border plus the y axis and margins: what a chart's plot area loses. */
const CHART_CHROME_PX = 26 + 52 + 12;

export function EndpointDashboard({ id }: { id: string }) {
  const { params, errors, update } = useDashboardParams();
  // Relative ranges are resolved against this instant, moved on each auto refresh.
  const [nowMs, setNowMs] = useState(() => Date.now());
  const refreshMs = REFRESH_INTERVALS[params.refresh];
  const endpoint = useEndpoint(id, refreshMs);
  const [gridRef, gridWidth] = useElementWidth();
  const resolved = resolveTimeRange(params.range, nowMs);
  const events = useEvents(id, resolved);

  useEffect(() => {
    if (!refreshMs || params.range.kind !== "relative") return;
    const timer = setInterval(() => setNowMs(Date.now()), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, params.range.kind]);

  if (endpoint.error instanceof ApiRequestError && endpoint.error.status === 404) notFound();

  const columns = gridWidth >= 1024 ? VIEWS[params.view].columns : 1;
  const plotWidthPx = Math.floor(Math.max(0, (gridWidth - GRID_GAP_PX * (columns - 1)) / columns - CHART_CHROME_PX));
  // The server picks the step from the range and the chart's width (one rule, lib/time/step.ts).
  const base: BaseRequest | null =
    plotWidthPx > 0
      ? {
          endpointId: id,
          from: resolved.fromMs,
          to: resolved.toMs,
          width: plotWidthPx,
          ...(params.replica ? { replica: params.replica } : {}),
        }
      : null;

  const setRange = useCallback(
    (range: TimeRange) => {
      // Only a relative range is resolved against now. Moving now for an absolute one (a zoom) would
      // first re-resolve the current relative range, querying every panel once more in vain.
      if (range.kind === "relative") setNowMs(Date.now());
      update({ range });
    },
    [update],
  );

  // The charts are memoised on the frame: they redraw when the range or width changes, and only
  // their markers when events arrive (the zoom callbacks stay the same across that).
  const { fromMs, toMs } = resolved;
  const markers = useMemo(() => toChartMarkers(events.data?.events ?? [], params.mark), [events.data, params.mark]);
  const onZoom = useCallback((aMs: number, bMs: number) => setRange(zoomTo(aMs, bMs)), [setRange]);
  const onZoomOut = useCallback(() => setRange(zoomOut({ fromMs, toMs }, Date.now())), [setRange, fromMs, toMs]);
  const frame = useMemo<ChartFrame>(
    () => ({
      fromMs,
      toMs,
      timeZone: TIME_ZONE,
      syncId: `endpoint-${id}`,
      widthPx: plotWidthPx,
      onZoom,
      onZoomOut,
      markers,
    }),
    [fromMs, toMs, id, plotWidthPx, onZoom, onZoomOut, markers],
  );

  const legend: LegendBehaviour = {
    soloFor: (panel) => params.solo[panel] ?? null,
    select: (panel: Panel, series: ChartSeries) => {
      const replica = series.labels.replica;
      const { [panel]: current, ...others } = params.solo;
      if (!params.replica && replica && replica !== "all") update({ replica, solo: others });
      else update({ solo: current === series.name ? others : { ...others, [panel]: series.name } }, "replace");
    },
    describe: (panel, series) => {
      const replica = series.labels.replica;
      if (!params.replica && replica && replica !== "all") return `Show only replica ${replica}`;
      return params.solo[panel] === series.name ? "Show every series again" : `Show only ${series.name}`;
    },
  };

  // The views the endpoint has data for, and the one a link asked for even where it has none.
  const offered = endpoint.data?.views ?? offeredViews(() => false);
  const views = ViewSchema.options.filter((view) => offered.includes(view) || view === params.view);

  // An endpoint without metrics (not ready, pay-per-token…) lacks every panel for its own reason.
  const notReportedTitle =
    endpoint.data?.metrics.available === false
      ? "No metrics for this endpoint"
      : `Not reported by ${endpoint.data ? reporterName(endpoint.data) : "this platform"}`;

  return (
    <div className="flex flex-col gap-4">
      {endpoint.data ? (
        <EndpointHeader endpoint={endpoint.data} fetchedAtMs={endpoint.dataUpdatedAt} />
      ) : endpoint.error ? (
        <Alert
          tone="error"
          title="Could not load this endpoint"
          action={<Button onClick={() => void endpoint.refetch()}>Retry</Button>}
        >
          {endpoint.error.message}
        </Alert>
      ) : (
        <div className="flex flex-col gap-2" data-testid="header-skeleton">
          <Skeleton className="h-7 w-72" />
          <Skeleton className="h-5 w-[32rem] max-w-full" />
        </div>
      )}
      {errors.length > 0 && (
        <Alert
          tone="error"
          title="Some of this link could not be read; defaults are shown instead"
          action={<Button onClick={() => update({}, "replace")}>Fix the link</Button>}
        >
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Alert>
      )}
      <DashboardToolbar
        params={params}
        views={views}
        replicas={endpoint.data?.replicas ?? []}
        resolved={resolved}
        timeZone={TIME_ZONE}
        onChange={update}
        onRangeChange={setRange}
        onZoomOut={frame.onZoomOut}
        onShift={(direction) => setRange(shiftRange(resolved, direction, Date.now()))}
      />
      <div
        ref={gridRef}
        role="tabpanel"
        aria-label={`${params.view} charts`}
        data-view={params.view}
        className={`grid gap-4 ${columns === 2 ? "grid-cols-2" : "grid-cols-1"}`}
      >
        <ViewPanels
          view={params.view}
          endpoint={endpoint.data}
          base={base}
          frame={frame}
          notReportedTitle={notReportedTitle}
          legend={legend}
          groupingOf={(panel) => groupingOf(params, panel)}
          onGroupingChange={(panel, value) => update(withGrouping(params, panel, value), "replace")}
          selectedReplica={params.replica}
          onSelectReplica={(replica) => update({ replica })}
        />
      </div>
      {endpoint.data?.provider === "databricks" && (
        <LogsPanel
          endpointId={id}
          fromMs={resolved.fromMs}
          toMs={resolved.toMs}
          timeZone={TIME_ZONE}
          severity={params.severity}
          q={params.q}
          markedMs={params.mark}
          onFilterChange={(filter) => update(filter, "replace")}
          onMark={(mark) => update({ mark }, "replace")}
        />
      )}
    </div>
  );
}
