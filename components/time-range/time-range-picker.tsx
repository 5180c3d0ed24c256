"use client";

import { useState, type FormEvent } from "react";
import { Button, CONTROL_CLASS } from "@/components/ui/button";
import { Segmented } from "@/components/ui/segmented";
import { describeDuration, formatDuration } from "@/lib/time/duration";
import { PRESET_DURATIONS_MS, type ResolvedRange, type TimeRange } from "@/lib/time/range";
import { formatTimestamp } from "@/lib/time/ticks";

interface TimeRangePickerProps {
  range: TimeRange;
  resolved: ResolvedRange;
  timeZone: string;
  onChange: (range: TimeRange) => void;
  onZoomOut: () => void;
  onShift: (direction: -1 | 1) => void;
}

const CUSTOM = "custom";

/** "2026-11-23T14:30" in UTC, for datetime-local inputs (which carry no zone). */
function toInputValue(ms: number): string {
  return formatTimestamp(ms, "UTC").slice(0, 16).replace(" ", "T");
}

export function describeRange(range: TimeRange, timeZone: string): string {
  if (range.kind === "relative") return `Last ${describeDuration(range.durationMs)}`;
  // Minutes suffice unless the window itself is only minutes wide; the end's date only when it differs.
  const length = range.toMs - range.fromMs < 10 * 60_000 ? 19 : 16;
  const from = formatTimestamp(range.fromMs, timeZone).slice(0, length);
  const to = formatTimestamp(range.toMs, timeZone).slice(0, length);
  return `${from} → ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to} ${timeZone}`;
}

/** Presets, a custom absolute range (read in UTC), zoom out and half-window steps back and forward. */
export function TimeRangePicker({ range, resolved, timeZone, onChange, onZoomOut, onShift }: TimeRangePickerProps) {
  const [customOpen, setCustomOpen] = useState(false);
  const [customError, setCustomError] = useState<string | null>(null);
  const preset =
    range.kind === "relative" && PRESET_DURATIONS_MS.includes(range.durationMs)
      ? formatDuration(range.durationMs)
      : CUSTOM;
  const options = [
    ...PRESET_DURATIONS_MS.map((ms) => ({ value: formatDuration(ms), label: formatDuration(ms) })),
    { value: CUSTOM, label: "Custom" },
  ];

  function choose(value: string) {
    if (value === CUSTOM) {
      setCustomOpen((open) => !open);
      return;
    }
    const durationMs = PRESET_DURATIONS_MS.find((ms) => formatDuration(ms) === value);
    if (durationMs) onChange({ kind: "relative", durationMs });
    setCustomOpen(false);
  }

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // datetime-local carries no zone: the inputs are labelled UTC and read as such.
    const fromMs = Date.parse(`${String(data.get("from"))}:00Z`);
    const toMs = Date.parse(`${String(data.get("to"))}:00Z`);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) {
      setCustomError("The end must be after the start.");
      return;
    }
    setCustomError(null);
    setCustomOpen(false);
    onChange({ kind: "absolute", fromMs, toMs });
  }

  return (
    <div className="relative flex flex-wrap items-center gap-2">
      <Segmented label="Time range" options={options} value={customOpen ? CUSTOM : preset} onChange={choose} />
      <div className="flex items-center gap-1" role="group" aria-label="Move the time range">
        <Button onClick={() => onShift(-1)} aria-label="Step back" title="Step back half a window">
          ‹
        </Button>
        <Button onClick={onZoomOut} title="Zoom out (or double-click a chart)">
          Zoom out
        </Button>
        <Button onClick={() => onShift(1)} aria-label="Step forward" title="Step forward half a window">
          ›
        </Button>
      </div>
      <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="range-label">
        {describeRange(range, timeZone)}
      </span>
      {customOpen && (
        <form
          onSubmit={applyCustom}
          aria-label="Custom time range"
          className="absolute top-10 left-0 z-20 flex flex-wrap items-end gap-2 rounded-md border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <label className="flex flex-col text-xs">
            From (UTC)
            <input
              name="from"
              type="datetime-local"
              required
              defaultValue={toInputValue(resolved.fromMs)}
              className={CONTROL_CLASS}
            />
          </label>
          <label className="flex flex-col text-xs">
            To (UTC)
            <input
              name="to"
              type="datetime-local"
              required
              defaultValue={toInputValue(resolved.toMs)}
              className={CONTROL_CLASS}
            />
          </label>
          <Button type="submit">Apply</Button>
          {customError && (
            <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
              {customError}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
