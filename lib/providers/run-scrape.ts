import "server-only";
import { redactSecret, UpstreamError, type UpstreamResponse } from "@/lib/http";
import { ALL_REPLICAS, type CanonicalSample } from "@/lib/model/canonical";
import { parseExposition } from "@/lib/openmetrics/parse";
import type { MetricFamily } from "@/lib/openmetrics/types";
import { explainStatus, NO_METRICS_MESSAGE } from "./explain-status";
import type { ReplicaObservation, ScrapeResult, SourceProvider } from "./types";

export interface ScrapeSpec {
  endpointId: string;
  /** Where the text comes from; only its host appears in messages. */
  url: string;
  token: string | null;
  fetch: (signal?: AbortSignal) => Promise<UpstreamResponse>;
  normalize: (families: readonly MetricFamily[], scrapedAtMs: number) => CanonicalSample[];
  /** A platform's own reading of an HTTP failure (e.g. Databricks' 404 = no metrics); null keeps the default. */
  explainStatus?: (error: UpstreamError) => { error: string; noMetrics: boolean } | null;
}

/** Distinct replicas that reported samples, "all" (an aggregate) excluded. */
export function replicasOf(samples: readonly CanonicalSample[]): ReplicaObservation[] {
  const ids = new Set(samples.map((sample) => sample.labels.replica).filter((id) => id !== ALL_REPLICAS));
  return [...ids].sort().map((id) => ({ id, state: "running" }));
}

function describeParseFailure(host: string, errors: ScrapeResult["parseErrors"]): string {
  const first = errors[0];
  const where = first ? `: line ${first.line}:${first.column}: ${first.message}` : "";
  return `could not parse the metrics from ${host} (${errors.length} bad line${errors.length === 1 ? "" : "s"})${where}`;
}

/** A scrape that got nothing (not ok, no response yet): what every outcome starts from. */
export function emptyResult(endpointId: string, at: number): ScrapeResult {
  return {
    endpointId,
    at,
    ok: false,
    status: null,
    error: null,
    noMetrics: false,
    retryAtMs: null,
    durationMs: 0,
    bytes: 0,
    format: null,
    parseErrors: [],
    families: [],
    samples: [],
    replicas: [],
  };
}

async function fetchAndNormalize(spec: ScrapeSpec, at: number, signal?: AbortSignal): Promise<Partial<ScrapeResult>> {
  try {
    const response = await spec.fetch(signal);
    const parsed = parseExposition(response.text, { contentType: response.contentType, strict: false });
    const samples = spec.normalize(parsed.families, at);
    const unreadable = parsed.families.length === 0 && parsed.errors.length > 0;
    return {
      ok: !unreadable,
      status: response.status,
      error: unreadable ? describeParseFailure(new URL(spec.url).host, parsed.errors) : null,
      bytes: response.bytes,
      format: parsed.format,
      parseErrors: parsed.errors,
      families: parsed.families,
      samples,
      replicas: replicasOf(samples),
    };
  } catch (error) {
    const upstream = error instanceof UpstreamError ? error : null;
    const explained = upstream ? spec.explainStatus?.(upstream) : null;
    const message = explained?.error ?? (error instanceof Error ? error.message : String(error));
    return {
      status: upstream?.status ?? null,
      error: redactSecret(message, spec.token),
      noMetrics: explained?.noMetrics ?? false,
      retryAtMs: upstream?.retryAtMs ?? null,
    };
  }
}

/**
 * Fetches, parses and normalizes one scrape. Never throws: every fault becomes `ok: false` with a
 * message free of the token. Bad lines are reported while the good families are kept.
 */
export async function runScrape(spec: ScrapeSpec, signal?: AbortSignal): Promise<ScrapeResult> {
  const at = Date.now();
  const outcome = await fetchAndNormalize(spec, at, signal);
  return { ...emptyResult(spec.endpointId, at), ...outcome, durationMs: Date.now() - at };
}

/** The outcome for an endpoint without metrics: no request is made. */
export function skippedScrape(endpointId: string, reason: string | null): ScrapeResult {
  return {
    ...emptyResult(endpointId, Date.now()),
    error: `not scraped: ${reason ?? NO_METRICS_MESSAGE}`,
    noMetrics: true,
  };
}

/** A platform client that serves each endpoint's metrics by endpoint name. */
export interface MetricsClient {
  getMetrics(name: string, signal?: AbortSignal): Promise<UpstreamResponse>;
  metricsUrl(name: string): string;
}

/** The `scrape` of a platform whose endpoints are scraped by name through its client. */
export function createNamedScrape(
  client: MetricsClient,
  token: string,
  normalize: ScrapeSpec["normalize"],
  platform: string,
): SourceProvider["scrape"] {
  return (endpoint, signal) => {
    if (!endpoint.scrape) return Promise.resolve(skippedScrape(endpoint.id, endpoint.metrics.reason));
    return runScrape(
      {
        endpointId: endpoint.id,
        url: client.metricsUrl(endpoint.name),
        token,
        fetch: (fetchSignal) => client.getMetrics(endpoint.name, fetchSignal),
        normalize,
        explainStatus: (error) => explainStatus(error, platform, "endpoint"),
      },
      signal,
    );
  };
}
