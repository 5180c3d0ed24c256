"use client";

import { useRef, useState, type PointerEvent } from "react";
import type { Replica } from "@/lib/api/schemas";
import { toReplicaSegments } from "@/lib/chart/replica-segments";
import { formatTimeTick, formatTimestamp, getTimeTicks } from "@/lib/time/ticks";
import { getMaxTicks, type ChartFrame } from "./time-series-chart";

export const REPLICA_STATE_COLORS: Record<string, string> = {
  pending: "#d97706",
  initializing: "#2563eb",
  running: "#16a34a",
  gone: "#a1a1aa",
};
const OTHER_STATE_COLOR = "#64748b";

interface ReplicaTimelineProps {
  replicas: Replica[];
  frame: ChartFrame;
  selectedReplica: string | null;
  onSelectReplica: (id: string) => void;
}

/**
 * One row per replica that lived in the range: running while seen, then a thin grey line once gone.
 * Dragging across the rows zooms like the charts do.
 */
export function ReplicaTimeline({ replicas, frame, selectedReplica, onSelectReplica }: ReplicaTimelineProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const spanMs = frame.toMs - frame.fromMs;
  const toFraction = (ms: number) => Math.min(1, Math.max(0, (ms - frame.fromMs) / spanMs));
  const { ticks, intervalMs } = getTimeTicks(frame.fromMs, frame.toMs, getMaxTicks(frame.widthPx), frame.timeZone);
  const rows = replicas
    .filter((r) => r.lastSeen >= frame.fromMs && r.firstSeen <= frame.toMs)
    .sort((a, b) => a.firstSeen - b.firstSeen || a.id.localeCompare(b.id));

  function fractionAt(event: PointerEvent<HTMLDivElement>): number {
    const box = trackRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    return Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
  }

  if (rows.length === 0) {
    return (
      <p
        data-state="empty"
        role="status"
        className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      >
        No replicas were seen in this range.
      </p>
    );
  }

  return (
    <div data-testid="replica-timeline" onDoubleClick={frame.onZoomOut}>
      <div className="grid grid-cols-[minmax(6rem,12rem)_1fr] gap-2 text-xs">
        <ul className="flex flex-col gap-1">
          {rows.map((replica) => (
            <li key={replica.id} className="h-4">
              <button
                type="button"
                onClick={() => onSelectReplica(replica.id)}
                aria-pressed={selectedReplica === replica.id}
                title={`Show only ${replica.id}`}
                className={`block h-4 w-full truncate rounded px-1 text-left font-mono leading-4 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-zinc-800 ${selectedReplica === replica.id ? "font-bold" : ""}`}
              >
                {replica.id}
              </button>
            </li>
          ))}
        </ul>
        <div
          ref={trackRef}
          className="relative cursor-crosshair select-none pb-5"
          onPointerDown={(event) => setDrag({ start: fractionAt(event), end: fractionAt(event) })}
          onPointerMove={(event) => drag && setDrag({ ...drag, end: fractionAt(event) })}
          onPointerUp={() => {
            if (drag && Math.abs(drag.end - drag.start) > 0.005) {
              frame.onZoom(frame.fromMs + drag.start * spanMs, frame.fromMs + drag.end * spanMs);
            }
            setDrag(null);
          }}
          onPointerLeave={() => setDrag(null)}
        >
          <ul className="flex flex-col gap-1">
            {rows.map((replica) => {
              const description = `${replica.id}: ${replica.state}, seen ${formatTimestamp(replica.firstSeen, frame.timeZone)} to ${formatTimestamp(replica.lastSeen, frame.timeZone)} ${frame.timeZone}`;
              return (
                <li
                  key={replica.id}
                  className="relative h-4 rounded-sm bg-zinc-100 dark:bg-zinc-800"
                  title={description}
                >
                  {toReplicaSegments(replica, frame.fromMs, frame.toMs).map((segment) => (
                    <div
                      key={segment.state}
                      data-segment={segment.state}
                      className={`absolute rounded-sm ${segment.state === "gone" ? "inset-y-1.5" : "inset-y-0"}`}
                      style={{
                        left: `${segment.left * 100}%`,
                        width: `${segment.width * 100}%`,
                        background: REPLICA_STATE_COLORS[segment.state] ?? OTHER_STATE_COLOR,
                      }}
                    />
                  ))}
                  <span className="sr-only">{description}</span>
                </li>
              );
            })}
          </ul>
          {ticks.map((tick) => (
            <span
              key={tick}
              aria-hidden
              className="absolute bottom-0 -translate-x-1/2 text-[11px] whitespace-nowrap text-zinc-500 dark:text-zinc-400"
              style={{ left: `${toFraction(tick) * 100}%` }}
            >
              {formatTimeTick(tick, intervalMs, frame.timeZone)}
            </span>
          ))}
          {drag && (
            <div
              aria-hidden
              className="absolute inset-y-0 bg-sky-400/30"
              style={{
                left: `${Math.min(drag.start, drag.end) * 100}%`,
                width: `${Math.abs(drag.end - drag.start) * 100}%`,
              }}
            />
          )}
        </div>
      </div>
      <ul className="mt-2 flex flex-wrap gap-3 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Replica states">
        {Object.entries(REPLICA_STATE_COLORS).map(([state, color]) => (
          <li key={state} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: color }} />
            {state}
          </li>
        ))}
      </ul>
    </div>
  );
}
