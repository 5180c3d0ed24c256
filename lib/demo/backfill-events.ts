import { changesSince } from "@/lib/collector/changes";
import type { Store } from "@/lib/store";
import type { DiscoverAt } from "./replay-discovery";

/**
 * Records the change events the collector would have found had it run through (fromMs, toMs]:
 * one replayed discovery per interval, ending at toMs, each compared with the one before it (the
 * first with what the store holds of the source). Returns the number of events recorded.
 */
export function backfillEvents(
  store: Store,
  sourceId: string,
  discoverAt: DiscoverAt,
  { fromMs, toMs, intervalMs }: { fromMs: number; toMs: number; intervalMs: number },
): number {
  let known = store.listEndpoints().filter((endpoint) => endpoint.source === sourceId);
  let recorded = 0;
  const first = toMs - Math.floor((toMs - fromMs - 1) / intervalMs) * intervalMs;
  for (let atMs = first; atMs <= toMs; atMs += intervalMs) {
    const endpoints = discoverAt(atMs);
    const changes = changesSince(known, endpoints, atMs);
    store.recordEvents(changes);
    recorded += changes.length;
    known = endpoints;
  }
  return recorded;
}
