import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createPrometheusBackend } from "@/lib/backends/prometheus/backend";
import { createCollector, type Collector } from "@/lib/collector/collector";
import { loadProcessConfig } from "@/lib/config/from-process";
import type { AppConfig } from "@/lib/config/schema";
import type { SelfMetricsInput } from "@/lib/export/self-metrics";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createProvider } from "@/lib/providers/create";
import type { SourceProvider } from "@/lib/providers/types";
import { createStoreBackend } from "@/lib/query";
import type { SeriesBackend } from "@/lib/query/types";
import { openStore, type Store } from "@/lib/store";
import { createStoreSink } from "./store-sink";

const RETENTION_EVERY_MS = 10 * 60_000;

/** Everything the server process holds: configuration, store, providers, collector, query backend. */
export interface Runtime {
  config: AppConfig;
  store: Store;
  backend: SeriesBackend;
  collector: Collector;
  /** The endpoints of the configured sources, as last discovered (kept across restarts). */
  endpoints(): DiscoveredEndpoint[];
  endpoint(id: string): DiscoveredEndpoint | null;
  provider(sourceId: string): SourceProvider | null;
  /** What GET /metrics re-exports: scrape health and the newest normalized samples. */
  selfMetricsInput(): SelfMetricsInput;
  stop(): Promise<void>;
}

function createRuntime(): Runtime {
  const config = loadProcessConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore(join(config.dataDir, "servescope.db"));
  const providers = new Map(config.sources.map((source) => [source.id, createProvider(source)]));
  const collector = createCollector({
    providers: [...providers.values()],
    sink: createStoreSink(store),
    intervalOverrideS: config.scrapeIntervalOverrideS,
    // With a Prometheus-compatible store, Prometheus scrapes; the collector only discovers.
    scrape: config.prometheusUrl === null,
    log: (line) => console.warn(`servescope collector: ${line}`),
  });
  const backend = config.prometheusUrl
    ? createPrometheusBackend({ url: config.prometheusUrl })
    : createStoreBackend(store);
  const retention = setInterval(() => store.applyRetention(Date.now()), RETENTION_EVERY_MS);
  retention.unref();

  const configured = (endpoint: DiscoveredEndpoint) => providers.has(endpoint.source);
  return {
    config,
    store,
    backend,
    collector,
    endpoints: () => store.listEndpoints().filter(configured),
    endpoint(id) {
      const endpoint = store.getEndpoint(id);
      return endpoint && configured(endpoint) ? endpoint : null;
    },
    provider: (sourceId) => providers.get(sourceId) ?? null,
    selfMetricsInput() {
      const endpoints = store.listEndpoints().filter(configured);
      const latest = collector.lastSuccessful();
      const lastScrapes: SelfMetricsInput["lastScrapes"] = {};
      const lastSuccessAt: SelfMetricsInput["lastSuccessAt"] = {};
      const latestSamples: SelfMetricsInput["latestSamples"] = {};
      for (const endpoint of endpoints) {
        const outcome = store.lastScrape(endpoint.id);
        if (outcome) lastScrapes[endpoint.id] = outcome;
        const success = latest.get(endpoint.id);
        if (success) {
          lastSuccessAt[endpoint.id] = success.at;
          latestSamples[endpoint.id] = success.samples;
        }
      }
      return {
        endpoints,
        lastScrapes,
        lastSuccessAt,
        latestSamples,
        storeBytes: config.prometheusUrl ? null : store.sizeBytes(),
      };
    },
    async stop() {
      clearInterval(retention);
      await collector.stop();
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
