const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const TICK_INTERVALS_MS = [
  1000,
  5000,
  15_000,
  30_000,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];

export interface TimeTicks {
  ticks: number[];
  intervalMs: number;
}

/** Tick positions at round wall-clock times of `timeZone`, about `maxTicks` of them. */
export function getTimeTicks(fromMs: number, toMs: number, maxTicks: number, timeZone: string): TimeTicks {
  const span = Math.max(toMs - fromMs, 1);
  const intervalMs =
    TICK_INTERVALS_MS.find((interval) => span / interval <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  // Round in the zone's wall clock so "00:00" and "06:00" ticks land on those local times.
  const offsetMs = getZoneOffsetMs(fromMs, timeZone);
  const ticks: number[] = [];
  for (let t = Math.ceil((fromMs + offsetMs) / intervalMs) * intervalMs - offsetMs; t <= toMs; t += intervalMs) {
    ticks.push(t);
  }
  return { ticks, intervalMs };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

function getParts(ms: number, timeZone: string): Record<string, string> {
  const parts = getFormatter(timeZone, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(ms);
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/** Milliseconds to add to UTC to read the wall clock of `timeZone` at `ms`. */
export function getZoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const p = getParts(ms, timeZone);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A tick label: "14:30", "14:30:15" below a minute, "Nov 23" at midnight or for day intervals. */
export function formatTimeTick(ms: number, intervalMs: number, timeZone: string): string {
  const p = getParts(ms, timeZone);
  const date = `${MONTHS[Number(p.month) - 1]} ${Number(p.day)}`;
  if (intervalMs >= DAY || (p.hour === "00" && p.minute === "00" && p.second === "00")) return date;
  if (intervalMs < MINUTE) return `${p.hour}:${p.minute}:${p.second}`;
  return `${p.hour}:${p.minute}`;
}

/** A full timestamp for tooltips and range labels: "2026-11-23 14:30:00". */
export function formatTimestamp(ms: number, timeZone: string): string {
  const p = getParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
