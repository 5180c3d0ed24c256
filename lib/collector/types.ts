import "server-only";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { ScrapeResult } from "@/lib/providers/types";
import type { EndpointChange } from "@/lib/model/endpoint-change";

/**
 * A scrape as the collector keeps it: credentials redacted, within the series limits, without the
 * upstream's raw families (only the snapshot shows those).
 */
export interface CollectedScrape extends Omit<ScrapeResult, "families"> {
  /** What was kept back and why: series over a limit, a deferred next scrape. Shown with the outcome. */
  warnings: string[];
  /** The next scrape waits until then (the upstream's Retry-After, bounded); null when on schedule. */
  deferredUntilMs: number | null;
  /** When the scrape was due on its endpoint's schedule: `at` minus this is how late it started. */
  dueAtMs: number;
}

/** Where the collector puts what it learns; the embedded store implements it. */
export interface CollectorSink {
  /** The endpoints of one source as last saved (kept across restarts): what a discovery is compared with. */
  knownEndpoints(sourceId: string): DiscoveredEndpoint[];
  /** Replaces the endpoints of one source with a fresh discovery, and keeps what changed since the last. */
  saveDiscovery(sourceId: string, endpoints: DiscoveredEndpoint[], atMs: number, changes: EndpointChange[]): void;
  /**
   * Writes one scrape (samples, outcome, replicas seen); writing the same scrape twice changes nothing.
   * Throws SinkUnavailableError when the store cannot take writes for now: the collector retries.
   */
  saveScrape(scrape: CollectedScrape): void;
  /**
   * Runs `write` (a flush's saveScrape calls) as one write, committed once: a commit was what a
   * scrape's save cost the most. Throws SinkUnavailableError as saveScrape does, and then keeps
   * none of the saves made inside it.
   */
  saveTogether(write: () => void): void;
}

/** The sink cannot take writes now (disk full, read-only, locked); the message says why. */
export class SinkUnavailableError extends Error {
  override name = "SinkUnavailableError";
}

export interface SourceStatus {
  id: string;
  kind: DiscoveredEndpoint["provider"];
  lastDiscovery: { at: number; ok: boolean; error: string | null; endpoints: number } | null;
}

/** Scrapes written, waiting to be written, and what was lost; counts since the process started. */
export interface WriteState {
  pendingScrapes: number;
  pendingSamples: number;
  /** When the current run of refused writes began; null while writes succeed. */
  failingSince: number | null;
  lastFlushAt: number | null;
  lastFlushError: string | null;
  /** Samples of scrapes given up on: the oldest while the queue was full, or one the store rejected. */
  droppedSamples: number;
  droppedScrapes: number;
}

export interface CollectorState {
  running: boolean;
  startedAt: number | null;
  sources: SourceStatus[];
  endpoints: number;
  eligible: number;
  scrapes: number;
  scrapeFailures: number;
  inFlight: number;
  writes: WriteState;
  /** Samples dropped at ingest because a scrape or an endpoint went over its series limit. */
  seriesLimitDroppedSamples: number;
  /** Endpoints whose next scrape waits for the upstream's Retry-After. */
  deferredEndpoints: number;
}
