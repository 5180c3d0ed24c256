import "server-only";
import { SinkUnavailableError, type CollectorSink } from "@/lib/collector/types";
import type { Store } from "@/lib/store";
import { storeUnavailableReason } from "@/lib/store/store-errors";

/** The collector's writes, onto the embedded store. */
export function createStoreSink(store: Store): CollectorSink {
  return {
    knownEndpoints: (sourceId) => store.listEndpoints().filter((endpoint) => endpoint.source === sourceId),
    saveDiscovery(_sourceId, endpoints, atMs, changes) {
      store.upsertEndpoints(endpoints, atMs, changes);
    },
    saveScrape(scrape) {
      unavailableAsSuch(() => {
        // One transaction: a process killed mid-save leaves the scrape stored whole (samples and
        // outcome) or not at all, never samples without the scrape that brought them.
        store.atomically(() => {
          if (scrape.samples.length > 0) store.writeSamples(scrape.endpointId, scrape.samples);
          store.recordScrape({
            endpointId: scrape.endpointId,
            at: scrape.at,
            ok: scrape.ok,
            status: scrape.status,
            error: scrape.error,
            durationMs: scrape.durationMs,
            bytes: scrape.bytes,
            parseErrorCount: scrape.parseErrors.length,
            warnings: scrape.warnings,
          });
          // Only a scrape that got through (wholly, or for some of its replicas) says which replicas exist.
          if (scrape.ok || scrape.replicas.length > 0)
            store.observeReplicas(scrape.endpointId, scrape.replicas, scrape.at);
          if (scrape.endpoint) store.upsertEndpoints([scrape.endpoint], scrape.at);
        });
      });
    },
    // Inside it, each scrape's transaction above is a savepoint: a scrape rejected alone rolls back alone.
    saveTogether: (write) => unavailableAsSuch(() => store.atomically(write)),
  };
}

/** What `write` throws, as SinkUnavailableError where the store cannot take writes for now. */
function unavailableAsSuch(write: () => void): void {
  try {
    write();
  } catch (error) {
    const reason = storeUnavailableReason(error);
    throw reason === null ? error : new SinkUnavailableError(reason);
  }
}
