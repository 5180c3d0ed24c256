import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { ScrapeResult, SourceProvider } from "@/lib/providers/types";
import { createSemaphore } from "./semaphore";
import type { CollectorSink, CollectorState, SourceStatus } from "./types";

export interface CollectorOptions {
  providers: SourceProvider[];
  sink: CollectorSink;
  /** Overrides every endpoint's own scrape interval. */
  intervalOverrideS?: number | null;
  /** False when another system (Prometheus) scrapes: discovery only. */
  scrape?: boolean;
  /** Scrapes running at once across all endpoints. */
  concurrency?: number;
  discoveryIntervalMs?: number;
  flushIntervalMs?: number;
  log?: (message: string) => void;
  random?: () => number;
}

interface Scheduled {
  endpoint: DiscoveredEndpoint;
  provider: SourceProvider;
  nextDueAt: number;
  inFlight: boolean;
}

/**
 * Discovers every source's endpoints and scrapes each eligible one on its own interval. Faults stay
 * with their endpoint: each scrape has its own timeout (in the provider), a slow one holds one slot of
 * the semaphore and never moves another endpoint's schedule.
 */
export function createCollector(options: CollectorOptions) {
  const {
    providers,
    sink,
    concurrency = 4,
    discoveryIntervalMs = 3 * 60_000,
    flushIntervalMs = 1000,
    log = () => {},
    random = Math.random,
  } = options;
  const semaphore = createSemaphore(concurrency);
  const scheduled = new Map<string, Scheduled>();
  const sources = new Map<string, SourceStatus>(
    providers.map((p) => [p.sourceId, { id: p.sourceId, kind: p.kind, lastDiscovery: null }]),
  );
  let buffer: ScrapeResult[] = [];
  // The newest successful scrape of each endpoint, for the /metrics re-export.
  const lastSuccess = new Map<string, ScrapeResult>();
  let timers: NodeJS.Timeout[] = [];
  let abort = new AbortController();
  let startedAt: number | null = null;
  let scrapes = 0;
  let scrapeFailures = 0;
  let lastFlushAt: number | null = null;
  let lastFlushError: string | null = null;

  function intervalMs(endpoint: DiscoveredEndpoint): number {
    return (options.intervalOverrideS ?? endpoint.scrape?.intervalS ?? 60) * 1000;
  }

  async function discover(provider: SourceProvider): Promise<void> {
    const status = sources.get(provider.sourceId)!;
    const at = Date.now();
    try {
      const endpoints = await provider.discover(abort.signal);
      sink.saveDiscovery(provider.sourceId, endpoints, at);
      status.lastDiscovery = { at, ok: true, error: null, endpoints: endpoints.length };
      const seen = new Set<string>();
      for (const endpoint of endpoints) {
        seen.add(endpoint.id);
        const eligible = options.scrape !== false && endpoint.metrics.available && endpoint.scrape !== null;
        const current = scheduled.get(endpoint.id);
        if (!eligible) scheduled.delete(endpoint.id);
        else if (current) current.endpoint = endpoint;
        // Spread first scrapes over a fraction of the interval so they do not all start at once.
        else
          scheduled.set(endpoint.id, {
            endpoint,
            provider,
            nextDueAt: at + random() * Math.min(intervalMs(endpoint), 2000),
            inFlight: false,
          });
      }
      for (const [id, entry] of scheduled) {
        if (entry.provider === provider && !seen.has(id)) scheduled.delete(id);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Keep scraping what the last good discovery found: one failed listing is not an outage.
      status.lastDiscovery = { at, ok: false, error: message, endpoints: status.lastDiscovery?.endpoints ?? 0 };
      log(`discovery of source ${provider.sourceId} failed: ${message}`);
    }
  }

  async function scrape(entry: Scheduled): Promise<void> {
    entry.inFlight = true;
    try {
      const result = await semaphore.run(() => entry.provider.scrape(entry.endpoint, abort.signal));
      scrapes += 1;
      if (!result.ok) scrapeFailures += 1;
      else lastSuccess.set(result.endpointId, result);
      buffer.push(result);
    } catch (error) {
      // Providers report faults in the result; anything thrown is a bug, logged and survived.
      scrapeFailures += 1;
      log(`scrape of ${entry.endpoint.id} threw: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      entry.inFlight = false;
    }
  }

  function tick(): void {
    const now = Date.now();
    for (const entry of scheduled.values()) {
      if (entry.inFlight || now < entry.nextDueAt) continue;
      // Schedule from the due time, not from completion, so a slow scrape does not drift the grid.
      entry.nextDueAt = Math.max(entry.nextDueAt + intervalMs(entry.endpoint), now);
      void scrape(entry);
    }
  }

  function flush(): void {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      sink.saveScrapes(batch);
      lastFlushAt = Date.now();
      lastFlushError = null;
    } catch (error) {
      lastFlushError = error instanceof Error ? error.message : String(error);
      log(`writing ${batch.length} scrape results failed: ${lastFlushError}`);
    }
  }

  async function discoverAll(): Promise<void> {
    await Promise.all(providers.map((provider) => discover(provider)));
  }

  return {
    async start(): Promise<void> {
      if (startedAt !== null) return;
      startedAt = Date.now();
      abort = new AbortController();
      await discoverAll();
      timers = [
        setInterval(tick, 200),
        setInterval(flush, flushIntervalMs),
        setInterval(() => void discoverAll(), discoveryIntervalMs),
      ];
      for (const timer of timers) timer.unref();
      tick();
    },
    async stop(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      timers = [];
      abort.abort();
      startedAt = null;
      flush();
    },
    /** Runs one discovery round now (e.g. after a configuration change or for a test). */
    discoverNow: discoverAll,
    flush,
    /** The newest successful scrape of each endpoint scraped since start. */
    lastSuccessful: (): ReadonlyMap<string, ScrapeResult> => lastSuccess,
    state(): CollectorState {
      return {
        running: startedAt !== null,
        startedAt,
        sources: [...sources.values()],
        endpoints: [...sources.values()].reduce((n, s) => n + (s.lastDiscovery?.endpoints ?? 0), 0),
        eligible: scheduled.size,
        scrapes,
        scrapeFailures,
        inFlight: semaphore.active + semaphore.waiting,
        lastFlushAt,
        lastFlushError,
      };
    },
  };
}

export type Collector = ReturnType<typeof createCollector>;
