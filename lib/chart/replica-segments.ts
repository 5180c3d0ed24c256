import type { Replica } from "@/lib/api/schemas";

export interface ReplicaSegment {
  state: string;
  /** Fractions of the chart's width, 0–1. */
  left: number;
  width: number;
}

const MIN_WIDTH = 0.004;

/**
 * A replica's row: the span it was seen reporting, in the state it had then (a replica now gone
 * was running while seen), and, once gone, the rest of the range after its last sighting.
 */
export function toReplicaSegments(replica: Replica, fromMs: number, toMs: number): ReplicaSegment[] {
  const span = toMs - fromMs;
  const at = (ms: number) => Math.min(1, Math.max(0, (ms - fromMs) / span));
  const left = at(replica.firstSeen);
  const end = at(replica.lastSeen);
  const lived = {
    state: replica.state === "gone" ? "running" : replica.state,
    left,
    width: Math.max(end - left, MIN_WIDTH),
  };
  if (replica.state !== "gone" || end >= 1) return [lived];
  return [lived, { state: "gone", left: end, width: 1 - end }];
}
