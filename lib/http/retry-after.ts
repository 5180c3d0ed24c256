/**
 * Reads a `Retry-After` header (delay-seconds or an HTTP date) as a delay in ms from `nowMs`;
 * null when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1000;
  // Date.parse alone reads "-5" or "1.5" as dates; an HTTP date starts with a day name.
  if (!/^[A-Za-z]{3},? /.test(trimmed)) return null;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}
