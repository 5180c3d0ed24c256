import "server-only";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { MetricFamily, ParseIssue, ExpositionFormat } from "@/lib/openmetrics/types";

/** A replica seen in one scrape (or in discovery), with the state the platform gives it. */
export interface ReplicaObservation {
  id: string;
  state: string;
}

/** Everything one scrape of one endpoint produced. Never thrown: faults are in `error`. */
export interface ScrapeResult {
  endpointId: string;
  /** When the scrape started, ms since the epoch. */
  at: number;
  ok: boolean;
  /** HTTP status of the last attempt, null when no response arrived (timeout, refused). */
  status: number | null;
  /** What the user reads when ok is false (never contains a token). */
  error: string | null;
  /** True when the platform said this endpoint has no metrics (e.g. a 404 from Databricks). */
  noMetrics: boolean;
  /** When the upstream's Retry-After allows the next request (429/503), null without one. */
  retryAtMs: number | null;
  durationMs: number;
  bytes: number;
  format: ExpositionFormat | null;
  parseErrors: ParseIssue[];
  /** Parsed families as the upstream sent them, unknown ones included (for the snapshot). */
  families: MetricFamily[];
  samples: CanonicalSample[];
  /** The replicas seen, with their states; a self-hosted target lists each configured one ("down" when it failed). */
  replicas: ReplicaObservation[];
  /** The endpoint as this scrape described it, when it learnt what discovery cannot know (the server it runs): store it. */
  endpoint?: DiscoveredEndpoint;
}

export interface SourceProvider {
  /** The configured source's id (URL-safe), the prefix of its endpoints' ids. */
  readonly sourceId: string;
  readonly kind: DiscoveredEndpoint["provider"];
  /** Lists every endpoint with its eligibility; throws an Error with a user-readable message on failure. */
  discover(signal?: AbortSignal): Promise<DiscoveredEndpoint[]>;
  /** Scrapes one eligible endpoint. Resolves with the outcome, including failures. */
  scrape(endpoint: DiscoveredEndpoint, signal?: AbortSignal): Promise<ScrapeResult>;
}
