const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;

const DURATION = /^([1-9][0-9]{0,5})([smhdw])$/;

/** "15m" → 900000; null for anything else (no fractions, no zero, no mixed units). */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as Unit];
}

/** 900000 → "15m": the largest unit that divides the duration exactly ("24h" rather than "1d"). */
export function formatDuration(ms: number): string {
  // Weeks are read but not written: "now-7d" is what people type.
  const units: Unit[] = ["d", "h", "m", "s"];
  for (const unit of units) {
    if (unit === "d" && ms <= UNIT_MS.d) continue;
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

const WORDS: Record<Unit, string> = { s: "second", m: "minute", h: "hour", d: "day", w: "week" };

/** 21600000 → "6 hours", for labels. */
export function describeDuration(ms: number): string {
  const short = formatDuration(ms);
  const count = Number(short.slice(0, -1));
  const word = WORDS[short.slice(-1) as Unit];
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** How long ago, for people (not the URL notation above): "12 s", "4 min", "3 h", "2 d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}
