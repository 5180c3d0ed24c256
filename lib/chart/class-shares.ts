import type { Series } from "@/lib/api/schemas";
import { STATUS_CLASSES, statusClassOf, type StatusClass } from "@/lib/panels/status-class";

export interface ClassShare {
  statusClass: StatusClass;
  /** Requests in the range (rate × step summed). */
  requests: number;
  /** 0–1 of all requests in the range; null when there were none. */
  share: number | null;
}

/**
 * Each status class's share of the requests in the range, from class series or code series alike;
 * every request counts, codes that are no status code included ("other").
 */
export function getClassShares(series: Series[], stepMs: number): ClassShare[] {
  const totals = new Map<StatusClass, number>();
  for (const s of series) {
    const statusClass = statusClassOf(s.name);
    let sum = totals.get(statusClass) ?? 0;
    for (const [, value] of s.points) if (value !== null && Number.isFinite(value)) sum += (value * stepMs) / 1000;
    totals.set(statusClass, sum);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .sort(([a], [b]) => STATUS_CLASSES.indexOf(a) - STATUS_CLASSES.indexOf(b))
    .map(([statusClass, requests]) => ({ statusClass, requests, share: all > 0 ? requests / all : null }));
}
