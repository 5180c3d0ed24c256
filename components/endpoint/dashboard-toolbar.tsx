"use client";

import type { Replica } from "@/lib/api/schemas";
import { VIEWS, type ViewId } from "@/lib/panels/catalog";
import type { ResolvedRange, TimeRange } from "@/lib/time/range";
import { TimeRangePicker } from "@/components/time-range/time-range-picker";
import { CONTROL_CLASS } from "@/components/ui/button";
import { Segmented } from "@/components/ui/segmented";
import { REFRESH_INTERVALS, type DashboardParams, type RefreshInterval } from "@/app/endpoints/[id]/search-params";

interface DashboardToolbarProps {
  params: DashboardParams;
  /** The views this endpoint has something for. */
  views: readonly ViewId[];
  replicas: Replica[];
  resolved: ResolvedRange;
  timeZone: string;
  onChange: (patch: Partial<DashboardParams>, history?: "push" | "replace") => void;
  onRangeChange: (range: TimeRange) => void;
  onZoomOut: () => void;
  onShift: (direction: -1 | 1) => void;
}

const REFRESH_LABELS: Record<RefreshInterval, string> = {
  off: "Off",
  "10s": "10 s",
  "30s": "30 s",
  "1m": "1 min",
  "5m": "5 min",
};

export function DashboardToolbar(props: DashboardToolbarProps) {
  const { params, replicas, onChange } = props;
  // Current replicas first, then the ones gone (an autoscaled endpoint has hundreds), newest first.
  const newestFirst = replicas.toSorted((a, b) => b.lastSeen - a.lastSeen);
  const current = newestFirst.filter((r) => r.state !== "gone").map((r) => r.id);
  const gone = newestFirst.filter((r) => r.state === "gone").map((r) => r.id);
  // A replica from a shared link may have aged out of the list: keep it selectable.
  if (params.replica && !current.includes(params.replica) && !gone.includes(params.replica))
    gone.unshift(params.replica);
  return (
    <div className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-b border-zinc-200 bg-white/95 px-4 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
      <label className="flex items-center gap-1.5 text-sm">
        Replica
        <select
          className={`${CONTROL_CLASS} max-w-56`}
          value={params.replica ?? ""}
          onChange={(event) => onChange({ replica: event.target.value || null })}
        >
          <option value="">All replicas</option>
          {[
            { label: `Current (${current.length})`, ids: current },
            { label: `Gone (${gone.length})`, ids: gone },
          ]
            .filter((group) => group.ids.length > 0)
            .map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.ids.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </label>
      <Segmented
        variant="tabs"
        label="View"
        options={props.views.map((view) => ({ value: view, label: VIEWS[view].label }))}
        value={params.view}
        onChange={(view) => onChange({ view })}
      />
      <TimeRangePicker
        range={params.range}
        resolved={props.resolved}
        timeZone={props.timeZone}
        onChange={props.onRangeChange}
        onZoomOut={props.onZoomOut}
        onShift={props.onShift}
      />
      <label className="ml-auto flex items-center gap-1.5 text-sm">
        Auto refresh
        <select
          className={CONTROL_CLASS}
          value={params.refresh}
          onChange={(event) => onChange({ refresh: event.target.value as RefreshInterval }, "replace")}
        >
          {(Object.keys(REFRESH_INTERVALS) as RefreshInterval[]).map((key) => (
            <option key={key} value={key}>
              {REFRESH_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
