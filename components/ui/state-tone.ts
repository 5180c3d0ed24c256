export type StateTone = "good" | "warn" | "bad" | "idle";

const GOOD = new Set(["ready", "running"]);
const BAD = new Set(["not_ready", "failed", "error", "update_failed", "updatefailed"]);
// "configured": a self-hosted target states nothing of itself; its last scrape tells.
const IDLE = new Set(["scaledtozero", "paused", "stopped", "configured"]);

/** How a platform's own state word reads: READY/running good, NOT_READY/failed bad, scaled to zero idle. */
export function getStateTone(state: string): StateTone {
  const word = state.toLowerCase();
  if (GOOD.has(word)) return "good";
  if (BAD.has(word)) return "bad";
  if (IDLE.has(word)) return "idle";
  return "warn";
}
