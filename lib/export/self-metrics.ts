import type { ScrapeOutcome } from "@/lib/api/schemas";
import type { WriteState } from "@/lib/collector/types";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { toCanonicalFamilies } from "./canonical-families";
import { renderOpenMetricsText, type OpenMetricsFamily } from "./openmetrics-text";

/** What GET /metrics exposes; the server runtime assembles it. Maps are keyed by endpoint id. */
export interface SelfMetricsInput {
  endpoints: DiscoveredEndpoint[];
  /** The last scrape of each endpoint, successful or not. */
  lastScrapes: Record<string, ScrapeOutcome>;
  /** When each endpoint was last scraped successfully, ms since the epoch. */
  lastSuccessAt: Record<string, number>;
  /** The newest normalized samples of each endpoint. */
  latestSamples: Record<string, CanonicalSample[]>;
  /** Size of the embedded store on disk; null when there is none (Prometheus mode). */
  storeBytes: number | null;
  /** The collector's writes into the embedded store; null when there is none (Prometheus mode). */
  ingest: (WriteState & { seriesLimitDroppedSamples: number }) | null;
}

export const OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

function healthFamilies(input: SelfMetricsInput): OpenMetricsFamily[] {
  const endpoints = [...input.endpoints].sort((a, b) => a.id.localeCompare(b.id));
  const ids = (e: DiscoveredEndpoint) => ({ provider: e.provider, endpoint: e.id });
  const perScrape = (value: (scrape: ScrapeOutcome) => number | null) =>
    endpoints.flatMap((e) => {
      const scrape = input.lastScrapes[e.id];
      const v = scrape ? value(scrape) : null;
      return v === null ? [] : [{ suffix: "", labels: ids(e), value: v }];
    });
  return [
    {
      name: "servescope_endpoint",
      type: "info",
      help: "Every discovered endpoint, with its source and the platform's state.",
      samples: endpoints.map((e) => ({
        suffix: "_info",
        labels: { ...ids(e), source: e.source, name: e.name, state: e.state },
        value: 1,
      })),
    },
    {
      name: "servescope_endpoint_metrics_available",
      type: "gauge",
      help: "1 when the platform exposes metrics for the endpoint.",
      samples: endpoints.map((e) => ({ suffix: "", labels: ids(e), value: e.metrics.available ? 1 : 0 })),
    },
    {
      name: "servescope_scrape_ok",
      type: "gauge",
      help: "1 when the endpoint's last scrape succeeded.",
      samples: perScrape((s) => (s.ok ? 1 : 0)),
    },
    {
      name: "servescope_scrape_duration_seconds",
      type: "gauge",
      unit: "seconds",
      help: "Duration of the endpoint's last scrape.",
      samples: perScrape((s) => s.durationMs / 1000),
    },
    {
      name: "servescope_scrape_http_status",
      type: "gauge",
      help: "HTTP status of the endpoint's last scrape (absent when no response arrived).",
      samples: perScrape((s) => s.status),
    },
    {
      name: "servescope_scrape_last_success_timestamp_seconds",
      type: "gauge",
      unit: "seconds",
      help: "When the endpoint was last scraped successfully.",
      samples: endpoints.flatMap((e) => {
        const at = input.lastSuccessAt[e.id];
        return at === undefined ? [] : [{ suffix: "", labels: ids(e), value: at / 1000 }];
      }),
    },
    {
      name: "servescope_scrape_warnings",
      type: "gauge",
      help: "Warnings of the endpoint's last scrape: series over a limit, samples not stored yet, a deferred next scrape.",
      samples: perScrape((s) => s.warnings?.length ?? 0),
    },
    ...ingestFamilies(input.ingest),
    {
      name: "servescope_store_size_bytes",
      type: "gauge",
      unit: "bytes",
      help: "Size of the embedded store on disk.",
      samples: input.storeBytes === null ? [] : [{ suffix: "", labels: {}, value: input.storeBytes }],
    },
  ];
}

function ingestFamilies(ingest: SelfMetricsInput["ingest"]): OpenMetricsFamily[] {
  if (ingest === null) return [];
  const gauge = (name: string, help: string, value: number): OpenMetricsFamily => ({
    name,
    type: "gauge",
    help,
    samples: [{ suffix: "", labels: {}, value }],
  });
  return [
    gauge(
      "servescope_store_write_failing",
      "1 while the embedded store refuses writes (e.g. disk full).",
      ingest.failingSince === null ? 0 : 1,
    ),
    gauge(
      "servescope_store_pending_samples",
      "Samples kept in memory until the store takes them.",
      ingest.pendingSamples,
    ),
    {
      name: "servescope_ingest_dropped_samples",
      type: "counter",
      help: "Samples not stored: over a series limit, or given up on while the store refused writes.",
      samples: [
        { suffix: "_total", labels: { reason: "series_limit" }, value: ingest.seriesLimitDroppedSamples },
        { suffix: "_total", labels: { reason: "store" }, value: ingest.droppedSamples },
      ],
    },
  ];
}

/** GET /metrics: the dashboard's own health and every endpoint's latest normalized series, OpenMetrics 1.0. */
export function renderSelfMetrics(input: SelfMetricsInput): string {
  return renderOpenMetricsText([
    ...healthFamilies(input),
    ...toCanonicalFamilies(input.endpoints, input.latestSamples),
  ]);
}
