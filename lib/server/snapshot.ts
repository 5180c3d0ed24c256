import "server-only";
import { SnapshotSchema, type ApiError, type Snapshot } from "@/lib/api/schemas";
import { redactScrape } from "@/lib/collector/redact-scrape";
import { createSemaphore, type Semaphore } from "@/lib/collector/semaphore";
import type { Redactor } from "@/lib/http/redact";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { ScrapeResult, SourceProvider } from "@/lib/providers/types";

function toJsonValue(value: number): Snapshot["families"][number]["samples"][number]["value"] {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return value;
}

/** A live scrape as the snapshot API shows it: every family the upstream sent, unknown ones included. */
function toSnapshot(result: ScrapeResult): Snapshot {
  return {
    endpointId: result.endpointId,
    at: result.at,
    ok: result.ok,
    status: result.status,
    error: result.error,
    durationMs: result.durationMs,
    bytes: result.bytes,
    format: result.format,
    parseErrors: result.parseErrors,
    families: result.families.map((family) => ({
      ...family,
      samples: family.samples.map((sample) => ({ ...sample, value: toJsonValue(sample.value) })),
    })),
    normalized: result.samples,
  };
}

/** A finished answer, serialised once and shared by every request it serves. */
export interface SnapshotAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface SnapshotOptions {
  /** The collector's scrape slots: a snapshot is one more upstream call among the scrapes. */
  slots: Semaphore;
  redact: Redactor;
  /** A scrape answers every request for the same endpoint for this long. */
  ttlMs?: number;
  /** Snapshot scrapes at once (each may hold a body of up to the HTTP cap while it is parsed). */
  maxInFlight?: number;
  /** Snapshot scrapes waiting for a slot; beyond it requests are answered 503 at once. */
  maxWaiting?: number;
  /** Answers kept for reuse, in bytes of JSON; the oldest go first. */
  maxCachedBytes?: number;
}

export const SNAPSHOT_DEFAULTS = { ttlMs: 5000, maxInFlight: 2, maxWaiting: 8, maxCachedBytes: 64 * 1024 * 1024 };

function errorAnswer(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const body: ApiError = { error: { code, message } };
  return { status, body: JSON.stringify(body), headers };
}

function toAnswer(result: ScrapeResult): SnapshotAnswer {
  if (!result.ok && result.status === null) {
    return errorAnswer(504, "upstream_unreachable", result.error ?? "no answer");
  }
  if (!result.ok && !result.noMetrics && result.families.length === 0) {
    return errorAnswer(502, "upstream_error", result.error ?? `HTTP ${result.status}`);
  }
  return { status: 200, body: JSON.stringify(SnapshotSchema.parse(toSnapshot(result))), headers: {} };
}

interface Entry {
  answer: Promise<SnapshotAnswer>;
  /** Null while the scrape runs. */
  doneAtMs: number | null;
  bytes: number;
}

/**
 * Live scrapes for the snapshot API, so that requests cannot multiply upstream calls or memory:
 * concurrent and repeated requests for one endpoint share one scrape for `ttlMs`, scrapes take
 * the collector's slots, at most `maxInFlight` run at once, and the answers kept are bounded.
 */
export function createSnapshotService(options: SnapshotOptions) {
  const { ttlMs, maxInFlight, maxWaiting, maxCachedBytes } = { ...SNAPSHOT_DEFAULTS, ...options };
  const own = createSemaphore(maxInFlight);
  const entries = new Map<string, Entry>();
  let cachedBytes = 0;

  function evict(nowMs: number): void {
    for (const [id, entry] of entries) {
      if (entry.doneAtMs === null) continue;
      if (nowMs - entry.doneAtMs < ttlMs && cachedBytes <= maxCachedBytes) continue;
      entries.delete(id);
      cachedBytes -= entry.bytes;
    }
  }

  async function scrape(endpoint: DiscoveredEndpoint, provider: SourceProvider): Promise<SnapshotAnswer> {
    // No request's signal: one caller going away must not cancel the scrape the others wait for.
    const result = await own.run(() => options.slots.run(() => provider.scrape(endpoint)));
    return toAnswer(redactScrape(result, options.redact));
  }

  return {
    get(endpoint: DiscoveredEndpoint, provider: SourceProvider): Promise<SnapshotAnswer> {
      evict(Date.now());
      const cached = entries.get(endpoint.id);
      if (cached) return cached.answer;
      if (own.active + own.waiting >= maxInFlight + maxWaiting) {
        const message = "too many snapshots in progress; try again in a few seconds";
        return Promise.resolve(errorAnswer(503, "busy", message, { "retry-after": "2" }));
      }
      const entry: Entry = { answer: scrape(endpoint, provider), doneAtMs: null, bytes: 0 };
      entries.set(endpoint.id, entry);
      entry.answer.then(
        (answer) => {
          entry.doneAtMs = Date.now();
          entry.bytes = answer.body.length;
          cachedBytes += entry.bytes;
          evict(entry.doneAtMs);
        },
        () => entries.delete(endpoint.id),
      );
      return entry.answer;
    },
  };
}

export type SnapshotService = ReturnType<typeof createSnapshotService>;
