import "server-only";
import type { ScrapeOutcome } from "@/lib/api/schemas";
import { createRedactor, type Redactor } from "@/lib/http/redact";
import { formatSeconds } from "@/lib/http/upstream-error";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { replicasOf } from "@/lib/providers/run-scrape";
import type { ScrapeResult, SourceProvider } from "@/lib/providers/types";
import { RAW_HORIZON_MS } from "@/lib/time/horizons";
import { changesSince } from "./changes";
import { DEFAULT_COLLECTOR_LIMITS, limitVariable, type CollectorLimits } from "./limits";
import { redactScrape } from "./redact-scrape";
import { createSemaphore, type Semaphore } from "./semaphore";
import { createSeriesBudget } from "./series-budget";
import type { CollectedScrape, CollectorSink, CollectorState, SourceStatus } from "./types";
import { createWriteQueue } from "./write-queue";

export interface CollectorOptions {
  providers: SourceProvider[];
  sink: CollectorSink;
  /** Overrides every endpoint's own scrape interval. */
  intervalOverrideS?: number | null;
  /** False when another system (Prometheus) scrapes: discovery only. */
  scrape?: boolean;
  /** Scrapes running at once across all endpoints (ignored when `slots` is given). */
  concurrency?: number;
  /** The scrape slots, shared with anything else that calls upstreams (the snapshot). */
  slots?: Semaphore;
  limits?: CollectorLimits;
  /** Applied to every scrape before it is kept: removes credentials an upstream echoed back. */
  redact?: Redactor;
  discoveryIntervalMs?: number;
  flushIntervalMs?: number;
  log?: (message: string) => void;
  random?: () => number;
}

/** First scrapes start within this of their discovery, when the fleet is small enough. */
const FIRST_SCRAPES_WITHIN_MS = 2000;
/** First scrapes due a second at most: a large fleet's are spread wider, up to one interval. */
const FIRST_SCRAPES_PER_S = 100;

/**
 * Over how long `fresh` newly found endpoints' first scrapes are spread: 5,000 endpoints due in the
 * same 2 s queued for the scrape slots and started seconds late, every interval after.
 */
export function firstScrapeSpreadMs(fresh: number): number {
  return Math.max(FIRST_SCRAPES_WITHIN_MS, (fresh / FIRST_SCRAPES_PER_S) * 1000);
}

interface Scheduled {
  endpoint: DiscoveredEndpoint;
  provider: SourceProvider;
  nextDueAt: number;
  inFlight: boolean;
  /** Set while the upstream's Retry-After holds the next scrape back. */
  deferredUntilMs: number | null;
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
    limits = DEFAULT_COLLECTOR_LIMITS,
    redact = createRedactor([]),
    discoveryIntervalMs = 3 * 60_000,
    flushIntervalMs = 1000,
    log = () => {},
    random = Math.random,
  } = options;
  const slots = options.slots ?? createSemaphore(options.concurrency ?? 4);
  const budget = createSeriesBudget(limits, RAW_HORIZON_MS);
  const queue = createWriteQueue({
    save: sink.saveScrape,
    together: sink.saveTogether,
    maxPendingSamples: limits.maxPendingSamples,
    log,
  });
  const scheduled = new Map<string, Scheduled>();
  const sources = new Map<string, SourceStatus>(
    providers.map((p) => [p.sourceId, { id: p.sourceId, kind: p.kind, lastDiscovery: null }]),
  );
  // The newest scrape of each endpoint, and the newest successful one (for the /metrics re-export).
  const latest = new Map<string, CollectedScrape>();
  const lastSuccess = new Map<string, CollectedScrape>();
  let timers: NodeJS.Timeout[] = [];
  let abort = new AbortController();
  let startedAt: number | null = null;
  let scrapes = 0;
  let scrapeFailures = 0;
  let seriesLimitDroppedSamples = 0;

  function intervalMs(endpoint: DiscoveredEndpoint): number {
    return (options.intervalOverrideS ?? endpoint.scrape?.intervalS ?? 60) * 1000;
  }

  async function discover(provider: SourceProvider): Promise<void> {
    const status = sources.get(provider.sourceId)!;
    const at = Date.now();
    try {
      const endpoints = await provider.discover(abort.signal);
      const changes = changesSince(sink.knownEndpoints(provider.sourceId), endpoints, at);
      sink.saveDiscovery(provider.sourceId, endpoints, at, changes);
      status.lastDiscovery = { at, ok: true, error: null, endpoints: endpoints.length };
      const seen = new Set<string>();
      const eligible = (endpoint: DiscoveredEndpoint) =>
        options.scrape !== false && endpoint.metrics.available && endpoint.scrape !== null;
      const spreadMs = firstScrapeSpreadMs(endpoints.filter((e) => eligible(e) && !scheduled.has(e.id)).length);
      for (const endpoint of endpoints) {
        seen.add(endpoint.id);
        const current = scheduled.get(endpoint.id);
        if (!eligible(endpoint)) scheduled.delete(endpoint.id);
        else if (current) current.endpoint = endpoint;
        else
          scheduled.set(endpoint.id, {
            endpoint,
            provider,
            // Each endpoint keeps this phase: scrapes stay spread over the interval as they started.
            nextDueAt: at + random() * Math.min(intervalMs(endpoint), spreadMs),
            inFlight: false,
            deferredUntilMs: null,
          });
      }
      for (const [id, entry] of scheduled) {
        if (entry.provider === provider && !seen.has(id)) {
          scheduled.delete(id);
          budget.forget(id);
        }
      }
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      // Keep scraping what the last good discovery found: one failed listing is not an outage.
      status.lastDiscovery = { at, ok: false, error: message, endpoints: status.lastDiscovery?.endpoints ?? 0 };
      log(`discovery of source ${provider.sourceId} failed: ${message}`);
    }
  }

  /** Holds the next scrape back until the upstream's Retry-After has passed (bounded); says so. */
  function deferral(entry: Scheduled, result: ScrapeResult): string | null {
    entry.deferredUntilMs = null;
    if (result.retryAtMs === null) return null;
    const untilMs = Math.min(result.retryAtMs, Date.now() + limits.maxRetryAfterMs);
    if (untilMs <= entry.nextDueAt) return null;
    entry.nextDueAt = untilMs;
    entry.deferredUntilMs = untilMs;
    const when = new Date(untilMs).toISOString();
    if (untilMs === result.retryAtMs) return `next scrape at ${when}, as the upstream's Retry-After asks`;
    const asked = formatSeconds(Math.round((result.retryAtMs - Date.now()) / 1000) * 1000);
    const bound = `${formatSeconds(limits.maxRetryAfterMs)} (${limitVariable("maxRetryAfterMs")})`;
    return `next scrape at ${when}: the upstream's Retry-After asked for ${asked}, at most ${bound} is obeyed`;
  }

  /** Redacted, within the series limits, without the raw families. */
  function collect(entry: Scheduled, result: ScrapeResult, dueAtMs: number): CollectedScrape {
    const clean = redactScrape({ ...result, families: [] }, redact);
    const admitted = budget.admit(result.endpointId, clean.samples, result.at);
    seriesLimitDroppedSamples += admitted.droppedSamples;
    const warnings = [admitted.warning, deferral(entry, result)].filter((w): w is string => w !== null);
    const { families: _families, ...kept } = clean;
    return {
      ...kept,
      samples: admitted.samples,
      replicas: admitted.droppedSamples > 0 ? replicasOf(admitted.samples) : clean.replicas,
      warnings,
      deferredUntilMs: entry.deferredUntilMs,
      dueAtMs,
    };
  }

  async function scrape(entry: Scheduled, dueAtMs: number): Promise<void> {
    entry.inFlight = true;
    try {
      const result = await slots.run(() => entry.provider.scrape(entry.endpoint, abort.signal));
      const collected = collect(entry, result, dueAtMs);
      scrapes += 1;
      if (!collected.ok) scrapeFailures += 1;
      else lastSuccess.set(collected.endpointId, collected);
      latest.set(collected.endpointId, collected);
      queue.enqueue(collected);
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
      const dueAtMs = entry.nextDueAt;
      // Schedule from the due time, not from completion, so a slow scrape does not drift the grid.
      entry.nextDueAt = Math.max(dueAtMs + intervalMs(entry.endpoint), now);
      void scrape(entry, dueAtMs);
    }
  }

  /** The newest scrape's outcome, with what the store has not (yet) got of it. */
  function lastOutcome(endpointId: string): ScrapeOutcome | null {
    const scrape = latest.get(endpointId);
    if (!scrape) return null;
    const writes = queue.state();
    const fate = queue.fate(scrape);
    const warnings = [...scrape.warnings];
    if (fate === "pending" && writes.lastFlushError !== null) {
      warnings.push(`not stored yet (kept in memory, retrying): ${writes.lastFlushError}`);
    }
    if (fate === "dropped") warnings.push("not stored: dropped while the store refused writes");
    return {
      at: scrape.at,
      ok: scrape.ok,
      status: scrape.status,
      error: scrape.error,
      durationMs: scrape.durationMs,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(scrape.deferredUntilMs !== null ? { deferredUntil: scrape.deferredUntilMs } : {}),
    };
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
        setInterval(queue.flush, flushIntervalMs),
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
      queue.flush();
      const left = queue.state().pendingScrapes;
      if (left > 0) log(`stopped with ${left} scrapes the store did not take`);
    },
    /** Runs one discovery round now (e.g. after a configuration change or for a test). */
    discoverNow: discoverAll,
    /** Writes what is waiting now (it happens every flushIntervalMs anyway). */
    flush: queue.flush,
    /** The newest successful scrape of each endpoint scraped since start. */
    lastSuccessful: (): ReadonlyMap<string, CollectedScrape> => lastSuccess,
    lastOutcome,
    state(): CollectorState {
      const now = Date.now();
      return {
        running: startedAt !== null,
        startedAt,
        sources: [...sources.values()],
        endpoints: [...sources.values()].reduce((n, s) => n + (s.lastDiscovery?.endpoints ?? 0), 0),
        eligible: scheduled.size,
        scrapes,
        scrapeFailures,
        inFlight: slots.active + slots.waiting,
        writes: queue.state(),
        seriesLimitDroppedSamples,
        deferredEndpoints: [...scheduled.values()].filter((e) => (e.deferredUntilMs ?? 0) > now).length,
      };
    },
  };
}

export type Collector = ReturnType<typeof createCollector>;
