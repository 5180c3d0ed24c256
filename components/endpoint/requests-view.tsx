"use client";

import type { SeriesResponse } from "@/lib/api/schemas";
import { getClassShares } from "@/lib/chart/class-shares";
import { STATUS_CLASS_COLORS } from "@/lib/chart/colors";
import { formatShare } from "@/lib/chart/format";
import { SeriesPanel } from "@/components/panels/series-panel";
import { Segmented } from "@/components/ui/segmented";
import { toRequest, type ViewProps } from "./panel-props";

interface RequestsViewProps extends ViewProps {
  by: "class" | "code";
  onByChange: (by: "class" | "code") => void;
}

const LATENCY_BAND = { low: "p50", high: "p99", color: "#8b5cf6" };
const BY_OPTIONS = [
  { value: "class", label: "Classes" },
  { value: "code", label: "Codes" },
] as const;

function ClassShares({ response }: { response: SeriesResponse }) {
  const shares = getClassShares(response.series, response.stepMs);
  if (shares.every(({ share }) => share === null)) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-2" aria-label="Share of requests per status class">
      {shares.map(({ statusClass, share, requests }) => (
        <li
          key={statusClass}
          data-status-class={statusClass}
          className="min-w-16 rounded border-l-4 bg-zinc-50 px-2 py-1 dark:bg-zinc-800/60"
          style={{ borderColor: STATUS_CLASS_COLORS[statusClass] }}
          title={`${Math.round(requests).toLocaleString("en-US")} requests`}
        >
          <div className="text-xs text-zinc-600 dark:text-zinc-400">{statusClass}</div>
          <div className="text-sm font-semibold tabular-nums">{formatShare(share)}</div>
        </li>
      ))}
    </ul>
  );
}

export function RequestsView({
  endpoint,
  baseRequest,
  frame,
  notReportedTitle,
  legend,
  by,
  onByChange,
}: RequestsViewProps) {
  const panelProps = (panel: "requests" | "pending" | "latency" | "concurrency") => ({
    frame,
    notReportedTitle,
    soloName: legend.soloFor(panel),
    onLegendSelect: (series: Parameters<typeof legend.select>[1]) => legend.select(panel, series),
    describeLegendAction: (series: Parameters<typeof legend.describe>[1]) => legend.describe(panel, series),
  });
  const scaleToZero = endpoint?.scaling.scaleToZero === true;
  return (
    <>
      <SeriesPanel
        {...panelProps("requests")}
        title="Requests"
        request={toRequest(baseRequest, "requests", by)}
        actions={<Segmented label="Group requests by" options={BY_OPTIONS} value={by} onChange={onByChange} />}
        renderSummary={(response) => <ClassShares response={response} />}
        note={
          scaleToZero &&
          "This endpoint scales to zero: 503s right after an idle period are cold starts while a replica comes up, not outages."
        }
      />
      <SeriesPanel
        {...panelProps("latency")}
        title="Latency"
        request={toRequest(baseRequest, "latency")}
        band={LATENCY_BAND}
      />
      <SeriesPanel {...panelProps("pending")} title="Pending requests" request={toRequest(baseRequest, "pending")} />
      {endpoint?.provider === "databricks" && (
        <SeriesPanel
          {...panelProps("concurrency")}
          title="Provisioned concurrency"
          request={toRequest(baseRequest, "concurrency")}
          stepped
        />
      )}
    </>
  );
}
