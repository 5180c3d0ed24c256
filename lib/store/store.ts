import "server-only";
import Database from "better-sqlite3";
import type { Replica, ScrapeOutcome } from "@/lib/api/schemas";
import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { EndpointChange } from "@/lib/model/endpoint-change";
import { createCatalog, type ReplicaSighting, type ScrapeRecord } from "./catalog";
import { createEventLog, type EventPage } from "./events";
import { createRetention, DEFAULT_RETENTION, type RetentionOptions, type RetentionResult } from "./retention";
import { createSampleWriter, type WriteResult } from "./sample-writer";
import { applyPragmas, migrate } from "./schema";
import { createSeriesReader, type WindowResult } from "./series-reader";
import type { SeriesWindows, WindowQuery, WindowRange } from "./windows";

export interface Store {
  /** Stores one batch in one transaction; a (series, millisecond) already stored is ignored. */
  writeSamples(endpointId: string, samples: readonly CanonicalSample[]): WriteResult;
  recordScrape(record: ScrapeRecord): void;
  /** Runs `write` as one transaction: the store writes it makes are all committed, or none of them. */
  atomically<T>(write: () => T): T;
  lastScrape(endpointId: string): ScrapeOutcome | null;
  /** Saves a discovery and, in the same transaction, what changed since the last one. */
  upsertEndpoints(endpoints: readonly DiscoveredEndpoint[], atMs: number, changes?: readonly EndpointChange[]): void;
  /** When the endpoint was last saved by a discovery; null when never. */
  endpointUpdatedAt(id: string): number | null;
  recordEvents(changes: readonly EndpointChange[]): void;
  /** The newest `limit` change events of an endpoint in [fromMs, toMs], oldest first. */
  listEvents(endpointId: string, fromMs: number, toMs: number, limit: number): EventPage;
  listEndpoints(): DiscoveredEndpoint[];
  getEndpoint(id: string): DiscoveredEndpoint | null;
  /** The replicas one scrape listed; other known replicas of the endpoint become "gone". */
  observeReplicas(endpointId: string, replicas: readonly ReplicaSighting[], atMs: number): void;
  listReplicas(endpointId: string): Replica[];
  /** Metrics the endpoint has reported (within retention). */
  listMetrics(endpointId: string): ReadonlySet<CanonicalMetric>;
  /** Series of one metric summarised per grid window (see SeriesWindows). */
  readWindows(query: WindowQuery): WindowResult;
  /** The same series, handed over one at a time: a fold over them holds one series at once. */
  eachWindows(query: WindowQuery, visit: (windows: SeriesWindows) => void): void;
  /** One series per reporting replica (or only `replica`'s); count > 0 where it reported. */
  readReplicaPresence(endpointId: string, range: WindowRange, replica?: string): WindowResult;
  applyRetention(nowMs: number): RetentionResult;
  /** Retention, run again until no complete roll-up block is left to compact: after a bulk write of history. */
  compactAll(nowMs: number): void;
  /**
   * A number that changes whenever what a query of this endpoint reads may have changed (its samples,
   * replicas or description, or retention): an answer computed at one version holds until the next.
   */
  dataVersion(endpointId: string): number;
  /** Bytes in use by the database (free pages excluded). */
  sizeBytes(): number;
  close(): void;
}

export type StoreOptions = Partial<RetentionOptions>;

/** Opens (creating if needed) the store at a file path, or in memory with ":memory:". */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const db = new Database(path);
  try {
    applyPragmas(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const writer = createSampleWriter(db);
  const catalog = createCatalog(db);
  const eventLog = createEventLog(db);
  const saveDiscovery = db.transaction(
    (endpoints: readonly DiscoveredEndpoint[], atMs: number, changes: readonly EndpointChange[]) => {
      catalog.upsertEndpoints(endpoints, atMs);
      eventLog.recordEvents(changes);
    },
  );
  const transaction = db.transaction((write: () => unknown) => write());
  const retention = createRetention(db, { ...DEFAULT_RETENTION, ...options });
  const reader = createSeriesReader(db, retention.rawHorizonMs);
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  // One counter for every change; an endpoint's version is its last change's or the last global one's.
  let changes = 0;
  let everyEndpointAt = 0;
  const endpointAt = new Map<string, number>();
  const changed = (endpointId: string) => endpointAt.set(endpointId, ++changes);
  function applyRetention(nowMs: number): RetentionResult {
    const result = retention.applyRetention(nowMs);
    everyEndpointAt = ++changes;
    // Deleted series ids may be reused: the writer must not keep pointing at them.
    if (result.seriesDeleted > 0) writer.forget();
    else writer.forgetChunks();
    return result;
  }

  return {
    writeSamples(endpointId, samples) {
      const result = writer.writeSamples(endpointId, samples);
      if (result.written > 0) changed(endpointId);
      return result;
    },
    recordScrape: catalog.recordScrape,
    atomically<T>(write: () => T): T {
      try {
        return transaction(write) as T;
      } catch (error) {
        // The rollback may have undone samples the writer's caches now count as stored.
        writer.forget();
        throw error;
      }
    },
    lastScrape: catalog.lastScrape,
    upsertEndpoints(endpoints, atMs, endpointChanges = []) {
      saveDiscovery(endpoints, atMs, endpointChanges);
      for (const endpoint of endpoints) changed(endpoint.id);
    },
    endpointUpdatedAt: catalog.endpointUpdatedAt,
    recordEvents: db.transaction((changes: readonly EndpointChange[]) => eventLog.recordEvents(changes)),
    listEvents: eventLog.listEvents,
    listEndpoints: catalog.listEndpoints,
    getEndpoint: catalog.getEndpoint,
    observeReplicas(endpointId, replicas, atMs) {
      catalog.observeReplicas(endpointId, replicas, atMs);
      changed(endpointId);
    },
    listReplicas: catalog.listReplicas,
    listMetrics: reader.listMetrics,
    readWindows: reader.readWindows,
    eachWindows: reader.eachWindows,
    readReplicaPresence: reader.readReplicaPresence,
    applyRetention,
    compactAll(nowMs) {
      while (retention.compactionLimited(applyRetention(nowMs).blocksCompacted));
    },
    dataVersion: (endpointId) => Math.max(endpointAt.get(endpointId) ?? 0, everyEndpointAt),
    sizeBytes() {
      const pages = db.pragma("page_count", { simple: true }) as number;
      const free = db.pragma("freelist_count", { simple: true }) as number;
      return (pages - free) * pageSize;
    },
    close: () => db.close(),
  };
}
