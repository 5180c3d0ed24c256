import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { parseExposition } from "@/lib/openmetrics/parse";
import type { MetricFamily } from "@/lib/openmetrics/types";
import type { Store } from "@/lib/store";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const BATCH_SAMPLES = 50_000;

/** What an upstream would have answered at a past instant: exposition text and its content type. */
export interface Rendered {
  text: string;
  contentType: string;
}

/** What one scrape at a past instant would have produced, through the provider's own normalizer. */
export type SamplesAt = (atMs: number) => CanonicalSample[] | null;

export function familiesOf(rendered: Rendered): MetricFamily[] {
  return parseExposition(rendered.text, { contentType: rendered.contentType }).families;
}

/** A platform that answers one exposition per endpoint: rendered text → parser → normalizer. */
export function renderedSamplesAt(
  render: (atMs: number) => Rendered | null,
  normalize: (families: readonly MetricFamily[], atMs: number) => CanonicalSample[],
): SamplesAt {
  return (atMs) => {
    const rendered = render(atMs);
    return rendered && normalize(familiesOf(rendered), atMs);
  };
}

/**
 * Scrape times from `fromMs` to `toMs`, as sparse as the presets' charts allow on up to 1,440 px: the
 * scrape interval for the last hour, at most 15 s apart to six hours (a 6-hour chart's step), a minute
 * to 25 hours (a day's, aligned), five minutes before (longer ranges read the 5-minute roll-ups).
 */
export function backfillTimes(fromMs: number, toMs: number, intervalMs: number): number[] {
  const times: number[] = [];
  for (let t = toMs; t > fromMs;) {
    times.push(t);
    const age = toMs - t;
    t -=
      age < HOUR_MS
        ? intervalMs
        : age < 6 * HOUR_MS
          ? Math.max(intervalMs, 15_000)
          : age < 25 * HOUR_MS
            ? Math.max(intervalMs, MINUTE_MS)
            : Math.max(intervalMs, 5 * MINUTE_MS);
  }
  return times.reverse();
}

/**
 * Replica sightings as the collector would record them, written only when the set changes (closing the
 * previous set at its last sighting) and at the end: a week of scrapes is a few hundred row updates.
 */
function createSightings(store: Store, endpointId: string) {
  let last: { key: string; ids: string[]; atMs: number } | null = null;
  const record = (ids: readonly string[], atMs: number) =>
    store.observeReplicas(
      endpointId,
      ids.map((id) => ({ id, state: "running" })),
      atMs,
    );
  return {
    see(ids: string[], atMs: number): void {
      const key = ids.join("\n");
      if (last?.key === key) {
        last.atMs = atMs;
        return;
      }
      if (last) record(last.ids, last.atMs);
      record(ids, atMs);
      last = { key, ids, atMs };
    },
    end(): void {
      if (last) record(last.ids, last.atMs);
    },
  };
}

/**
 * Fills an endpoint's history the way the collector would have: rendered upstream text → parser →
 * the provider's normalizer → store. Returns the number of samples written.
 */
export function backfillEndpoint(
  store: Store,
  endpoint: DiscoveredEndpoint,
  samplesAt: SamplesAt,
  { fromMs, toMs }: { fromMs: number; toMs: number },
): number {
  const intervalMs = (endpoint.scrape?.intervalS ?? 60) * 1000;
  const sightings = createSightings(store, endpoint.id);
  let batch: CanonicalSample[] = [];
  let written = 0;
  const flush = () => {
    if (batch.length === 0) return;
    store.writeSamples(endpoint.id, batch);
    written += batch.length;
    batch = [];
  };
  for (const at of backfillTimes(fromMs, toMs, intervalMs)) {
    const samples = samplesAt(at);
    if (!samples) continue;
    for (const sample of samples) batch.push(sample);
    const replicas = new Set(samples.map((s) => s.labels.replica).filter((r) => r !== ALL_REPLICAS));
    if (replicas.size > 0) sightings.see([...replicas].sort(), at);
    if (batch.length >= BATCH_SAMPLES) flush();
  }
  flush();
  sightings.end();
  return written;
}
