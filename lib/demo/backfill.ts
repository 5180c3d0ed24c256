import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { parseExposition } from "@/lib/openmetrics/parse";
import { normalizeDatabricks, normalizeHuggingFace, normalizeOpenMetrics } from "@/lib/providers/create";
import type { Store } from "@/lib/store";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const BATCH_SAMPLES = 50_000;

/** What an upstream would have answered at a past instant: exposition text and its content type. */
export type RenderAt = (endpoint: DiscoveredEndpoint, atMs: number) => { text: string; contentType: string } | null;

const NORMALIZERS = {
  databricks: normalizeDatabricks,
  huggingface: normalizeHuggingFace,
  openmetrics: normalizeOpenMetrics,
} as const;

/**
 * Scrape times from `fromMs` to `toMs`: the scrape interval for the last six hours, a minute back
 * to two days, five minutes before that — what roll-ups keep anyway, at a fraction of the work.
 */
export function backfillTimes(fromMs: number, toMs: number, intervalMs: number): number[] {
  const times: number[] = [];
  for (let t = toMs; t > fromMs;) {
    times.push(t);
    const age = toMs - t;
    t -=
      age < 6 * HOUR_MS
        ? intervalMs
        : age < 48 * HOUR_MS
          ? Math.max(intervalMs, MINUTE_MS)
          : Math.max(intervalMs, 5 * MINUTE_MS);
  }
  return times.reverse();
}

/**
 * Fills an endpoint's history the way the collector would have: rendered upstream text → parser →
 * the provider's normalizer → store. Returns the number of samples written.
 */
export function backfillEndpoint(
  store: Store,
  endpoint: DiscoveredEndpoint,
  render: RenderAt,
  { fromMs, toMs }: { fromMs: number; toMs: number },
): number {
  const intervalMs = (endpoint.scrape?.intervalS ?? 60) * 1000;
  const normalize = NORMALIZERS[endpoint.provider];
  let batch: CanonicalSample[] = [];
  let written = 0;
  const flush = () => {
    if (batch.length === 0) return;
    store.writeSamples(endpoint.id, batch);
    written += batch.length;
    batch = [];
  };
  for (const at of backfillTimes(fromMs, toMs, intervalMs)) {
    const rendered = render(endpoint, at);
    if (!rendered) continue;
    const samples = normalize(parseExposition(rendered.text, { contentType: rendered.contentType }).families, at);
    for (const sample of samples) batch.push(sample);
    const replicas = new Set(samples.map((s) => s.labels.replica).filter((r) => r !== "all"));
    if (replicas.size > 0) {
      store.observeReplicas(
        endpoint.id,
        [...replicas].map((id) => ({ id, state: "running" })),
        at,
      );
    }
    if (batch.length >= BATCH_SAMPLES) flush();
  }
  flush();
  return written;
}
