import { formatDuration, parseDuration } from "./duration";
import { MAX_RANGE_MS } from "./horizons";

/**
 * What the user chose: "the last 6 hours" (moves with the clock) or a fixed absolute window.
 * The chosen range is kept beside the resolved one so a relative range survives refreshes.
 */
export type TimeRange = { kind: "relative"; durationMs: number } | { kind: "absolute"; fromMs: number; toMs: number };

export interface ResolvedRange {
  fromMs: number;
  toMs: number;
}

export type ParseResult = { ok: true; range: TimeRange } | { ok: false; error: string };

export const MIN_RANGE_MS = 60_000;

export const PRESET_DURATIONS_MS = [15, 60, 360, 1440, 10_080, 43_200].map((minutes) => minutes * 60_000);

const RELATIVE = /^now-(.+)$/;
const EPOCH_MS = /^[0-9]{1,15}$/;

/** Reads the `from`/`to` URL params: `now-6h` & `now`, or absolute epoch milliseconds. */
export function parseTimeRange(from: string | undefined, to: string | undefined, fallback: TimeRange): ParseResult {
  if (from === undefined && to === undefined) return { ok: true, range: fallback };
  if (from === undefined) return { ok: false, error: "`to` needs a `from`" };
  const relative = RELATIVE.exec(from);
  if (relative) {
    const durationMs = parseDuration(relative[1] ?? "");
    if (durationMs === null) return { ok: false, error: `\`from\` is not a duration like now-6h: "${from}"` };
    if (to !== undefined && to !== "now") return { ok: false, error: `\`to\` must be "now" when \`from\` is relative` };
    return checkSpan({ kind: "relative", durationMs }, durationMs);
  }
  if (!EPOCH_MS.test(from))
    return { ok: false, error: `\`from\` is neither now-<duration> nor epoch milliseconds: "${from}"` };
  if (to === undefined || !EPOCH_MS.test(to))
    return { ok: false, error: `\`to\` must be epoch milliseconds when \`from\` is` };
  const fromMs = Number(from);
  const toMs = Number(to);
  if (toMs <= fromMs) return { ok: false, error: "`to` must be after `from`" };
  return checkSpan({ kind: "absolute", fromMs, toMs }, toMs - fromMs);
}

function checkSpan(range: TimeRange, spanMs: number): ParseResult {
  if (spanMs > MAX_RANGE_MS) return { ok: false, error: `the range is longer than ${formatDuration(MAX_RANGE_MS)}` };
  return { ok: true, range };
}

export function serializeTimeRange(range: TimeRange): { from: string; to: string } {
  if (range.kind === "relative") return { from: `now-${formatDuration(range.durationMs)}`, to: "now" };
  return { from: String(range.fromMs), to: String(range.toMs) };
}

export function resolveTimeRange(range: TimeRange, nowMs: number): ResolvedRange {
  if (range.kind === "relative") return { fromMs: nowMs - range.durationMs, toMs: nowMs };
  return { fromMs: range.fromMs, toMs: range.toMs };
}

export function isSameRange(a: TimeRange, b: TimeRange): boolean {
  if (a.kind === "relative" || b.kind === "relative") {
    return a.kind === b.kind && a.kind === "relative" && b.kind === "relative" && a.durationMs === b.durationMs;
  }
  return a.fromMs === b.fromMs && a.toMs === b.toMs;
}

/** The absolute sub-range dragged over a chart, in either direction, at least MIN_RANGE_MS wide. */
export function zoomTo(aMs: number, bMs: number): TimeRange {
  const fromMs = Math.round(Math.min(aMs, bMs));
  const toMs = Math.round(Math.max(aMs, bMs));
  if (toMs - fromMs >= MIN_RANGE_MS) return { kind: "absolute", fromMs, toMs };
  const centre = (fromMs + toMs) / 2;
  return {
    kind: "absolute",
    fromMs: Math.round(centre - MIN_RANGE_MS / 2),
    toMs: Math.round(centre + MIN_RANGE_MS / 2),
  };
}

/** Twice as wide around the same centre, never past now nor wider than MAX_RANGE_MS. */
export function zoomOut(resolved: ResolvedRange, nowMs: number): TimeRange {
  const spanMs = Math.min((resolved.toMs - resolved.fromMs) * 2, MAX_RANGE_MS);
  const centre = (resolved.fromMs + resolved.toMs) / 2;
  const toMs = Math.min(Math.round(centre + spanMs / 2), nowMs);
  return { kind: "absolute", fromMs: toMs - spanMs, toMs };
}

/** Moves the window by half its width; forward stops at now. */
export function shiftRange(resolved: ResolvedRange, direction: -1 | 1, nowMs: number): TimeRange {
  const spanMs = resolved.toMs - resolved.fromMs;
  const toMs = Math.min(resolved.toMs + (direction * spanMs) / 2, nowMs);
  return { kind: "absolute", fromMs: Math.round(toMs - spanMs), toMs: Math.round(toMs) };
}
