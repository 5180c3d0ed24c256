import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { ScrapeResult } from "@/lib/providers/types";

/** Where the collector puts what it learns; the embedded store implements it. */
export interface CollectorSink {
  /** Replaces the endpoints of one source with a fresh discovery. */
  saveDiscovery(sourceId: string, endpoints: DiscoveredEndpoint[], atMs: number): void;
  /** Writes many scrape results (samples, outcome, replicas seen) in one transaction. */
  saveScrapes(results: ScrapeResult[]): void;
}

export interface SourceStatus {
  id: string;
  kind: DiscoveredEndpoint["provider"];
  lastDiscovery: { at: number; ok: boolean; error: string | null; endpoints: number } | null;
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
  lastFlushAt: number | null;
  lastFlushError: string | null;
}
