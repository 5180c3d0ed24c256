import "server-only";
import { availableParallelism } from "node:os";
import type { ScrapeOutcome } from "@/lib/api/schemas";
import { createPrometheusBackend } from "@/lib/backends/prometheus/backend";
import { createPrometheusDiscoveryProvider } from "@/lib/providers/prometheus-discovery/provider";
import { createCollector, type Collector } from "@/lib/collector/collector";
import { readCollectorLimits, type CollectorLimits } from "@/lib/collector/limits";
import { createSemaphore } from "@/lib/collector/semaphore";
import { loadProcessConfig } from "@/lib/config/from-process";
import type { AppConfig } from "@/lib/config/schema";
import type { SelfMetricsInput } from "@/lib/export/self-metrics";
import { createRedactor } from "@/lib/http/redact";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createProvider } from "@/lib/providers/create";
import type { SourceProvider } from "@/lib/providers/types";
import { cacheAnswers, type AnswerCacheStats, type CachedBackend } from "@/lib/query/answer-cache";
import { cacheSparklines } from "@/lib/query/sparkline-cache";
import { createQueryPool, type QueryPool } from "@/lib/query/thread/pool";
import { figuresFrom } from "@/lib/query";
import type { FiguresBackend, SeriesBackend } from "@/lib/query/types";
import type { Store } from "@/lib/store";
import { createUsageBackend, USAGE_FINEST_STEP_MS } from "@/lib/backends/usage/backend";
import { observeBackend, type BackendFailure } from "./backend-status";
import { createDatabricksAccess, type DatabricksAccess } from "./databricks-access";
import { openStoreIn, storeFileIn } from "./data-dir";
import { createSnapshotService, type SnapshotService } from "./snapshot";
import { createStoreSink } from "./store-sink";
import { createUsageHeadlines } from "./usage-headlines";

const RETENTION_EVERY_MS = 10 * 60_000;
/** Upstream calls at once, scrapes and snapshots together. */
export const SCRAPE_CONCURRENCY = 4;
/** Threads answering the embedded store's queries: the cores the collector's thread leaves, up to 4. */
const QUERY_THREADS = Math.min(4, Math.max(1, availableParallelism() - 1));

/** Everything the server process holds: configuration, store, providers, collector, query backend. */
export interface Runtime {
  config: AppConfig;
  limits: CollectorLimits;
  store: Store;
  backend: SeriesBackend;
  /** Endpoints' headline figures and sparklines: on the query threads with the embedded store. */
  figures: FiguresBackend;
  /** How the embedded store's answers were served (null with a Prometheus-compatible store). */
  answerCacheStats(): AnswerCacheStats | null;
  /**
   * What answers this endpoint's panels, and the finest step its data has: the usage tables for
   * pay-per-token endpoints with a warehouse, the configured backend at the scrape interval otherwise.
   */
  seriesSourceFor(endpoint: DiscoveredEndpoint): { backend: SeriesBackend; finestStepMs: number; fromUsage: boolean };
  /** A Databricks source's serving API and SQL warehouse; null for other sources. */
  databricks(sourceId: string): DatabricksAccess | null;
  usageHeadlines: ReturnType<typeof createUsageHeadlines>;
  collector: Collector;
  snapshots: SnapshotService;
  /** The endpoints of the configured sources, as last discovered (kept across restarts). */
  endpoints(): DiscoveredEndpoint[];
  endpoint(id: string): DiscoveredEndpoint | null;
  provider(sourceId: string): SourceProvider | null;
  /** The newest scrape's outcome: the collector's (which knows what is not stored yet), else the store's. */
  lastScrape(endpointId: string): ScrapeOutcome | null;
  /** The latest backend query's failure, null once one succeeds. */
  backendFailure(): BackendFailure | null;
  /** What GET /metrics re-exports: scrape health and the newest normalized samples. */
  selfMetricsInput(): SelfMetricsInput;
  stop(): Promise<void>;
}

interface EmbeddedBackend {
  threads: QueryPool;
  answers: CachedBackend;
}

/**
 * What answers panel queries: the Prometheus-compatible store when one is configured, else the
 * embedded store's queries on query threads, each answer kept until the endpoint's next write.
 */
function queryBackendOf(config: AppConfig, store: Store): { backend: SeriesBackend; embedded: EmbeddedBackend | null } {
  if (config.prometheusUrl !== null) {
    return { backend: createPrometheusBackend({ url: config.prometheusUrl }), embedded: null };
  }
  const threads = createQueryPool({ path: storeFileIn(config.dataDir), threads: QUERY_THREADS });
  const answers = cacheAnswers(threads, store.dataVersion);
  return { backend: answers, embedded: { threads, answers } };
}

function createRuntime(): Runtime {
  const config = loadProcessConfig();
  const limits = readCollectorLimits(process.env);
  const store = openStoreIn(config.dataDir);
  // Whatever an upstream echoes back, no configured token leaves the server.
  const redact = createRedactor([...config.sources.map((source) => source.token), config.authToken]);
  const slots = createSemaphore(SCRAPE_CONCURRENCY);
  const providers = new Map(config.sources.map((source) => [source.id, createProvider(source)]));
  if (config.prometheusDiscovery && config.prometheusUrl !== null) {
    const discovery = createPrometheusDiscoveryProvider(config.prometheusUrl);
    providers.set(discovery.sourceId, discovery);
  }
  const collector = createCollector({
    providers: [...providers.values()],
    sink: createStoreSink(store),
    intervalOverrideS: config.scrapeIntervalOverrideS,
    discoveryIntervalMs: config.discoveryIntervalS * 1000,
    // With a Prometheus-compatible store, Prometheus scrapes; the collector only discovers.
    scrape: config.prometheusUrl === null,
    slots,
    limits,
    redact,
    log: (line) => console.warn(`servescope collector: ${line}`),
  });
  const { backend, embedded } = queryBackendOf(config, store);
  const observed = observeBackend(backend);
  const databricks = createDatabricksAccess(config.sources);
  const sqlOf = (sourceId: string) => databricks(sourceId)?.sql ?? null;
  const usageBackend = createUsageBackend((endpoint) => sqlOf(endpoint.source));
  const retention = setInterval(() => store.applyRetention(Date.now()), RETENTION_EVERY_MS);
  retention.unref();

  const configured = (endpoint: DiscoveredEndpoint) => providers.has(endpoint.source);
  const lastScrape = (id: string) => collector.lastOutcome(id) ?? store.lastScrape(id);
  return {
    config,
    limits,
    store,
    backend: observed.backend,
    figures: embedded ? cacheSparklines(embedded.threads, store.dataVersion) : figuresFrom(observed.backend),
    answerCacheStats: () => embedded?.answers.stats() ?? null,
    seriesSourceFor: (endpoint) =>
      endpoint.telemetry?.payPerToken && sqlOf(endpoint.source)
        ? { backend: usageBackend, finestStepMs: USAGE_FINEST_STEP_MS, fromUsage: true }
        : {
            backend: observed.backend,
            finestStepMs: (config.scrapeIntervalOverrideS ?? endpoint.scrape?.intervalS ?? 60) * 1000,
            fromUsage: false,
          },
    databricks,
    usageHeadlines: createUsageHeadlines(sqlOf),
    collector,
    snapshots: createSnapshotService({ slots, redact }),
    endpoints: () => store.listEndpoints().filter(configured),
    endpoint(id) {
      const endpoint = store.getEndpoint(id);
      return endpoint && configured(endpoint) ? endpoint : null;
    },
    provider: (sourceId) => providers.get(sourceId) ?? null,
    lastScrape,
    backendFailure: observed.lastFailure,
    selfMetricsInput() {
      const endpoints = store.listEndpoints().filter(configured);
      const latest = collector.lastSuccessful();
      const lastScrapes: SelfMetricsInput["lastScrapes"] = {};
      const lastSuccessAt: SelfMetricsInput["lastSuccessAt"] = {};
      const latestSamples: SelfMetricsInput["latestSamples"] = {};
      for (const endpoint of endpoints) {
        const outcome = lastScrape(endpoint.id);
        if (outcome) lastScrapes[endpoint.id] = outcome;
        const success = latest.get(endpoint.id);
        if (success) {
          lastSuccessAt[endpoint.id] = success.at;
          latestSamples[endpoint.id] = success.samples;
        }
      }
      const state = collector.state();
      return {
        endpoints,
        lastScrapes,
        lastSuccessAt,
        latestSamples,
        storeBytes: config.prometheusUrl ? null : store.sizeBytes(),
        ingest: config.prometheusUrl
          ? null
          : { ...state.writes, seriesLimitDroppedSamples: state.seriesLimitDroppedSamples },
      };
    },
    async stop() {
      clearInterval(retention);
      await collector.stop();
      await embedded?.threads.close();
      store.close();
    },
  };
}

// One runtime per process, shared by every route module (Next may load a module more than once).
const holder = globalThis as typeof globalThis & {
  __servescopeRuntime?: Runtime;
  __servescopeStarted?: Promise<Runtime>;
};

export function getRuntime(): Runtime {
  holder.__servescopeRuntime ??= createRuntime();
  return holder.__servescopeRuntime;
}

/** Creates the runtime and starts collecting; safe to call more than once. */
export function startRuntime(): Promise<Runtime> {
  holder.__servescopeStarted ??= (async () => {
    const runtime = getRuntime();
    await runtime.collector.start();
    return runtime;
  })();
  return holder.__servescopeStarted;
}
