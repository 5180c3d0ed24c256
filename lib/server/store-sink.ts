import type { CollectorSink } from "@/lib/collector/types";
import type { Store } from "@/lib/store";

/** The collector's writes, onto the embedded store. */
export function createStoreSink(store: Store): CollectorSink {
  return {
    saveDiscovery(_sourceId, endpoints, atMs) {
      store.upsertEndpoints(endpoints, atMs);
    },
    saveScrapes(results) {
      for (const result of results) {
        if (result.samples.length > 0) store.writeSamples(result.endpointId, result.samples);
        store.recordScrape({
          endpointId: result.endpointId,
          at: result.at,
          ok: result.ok,
          status: result.status,
          error: result.error,
          durationMs: result.durationMs,
          bytes: result.bytes,
          parseErrorCount: result.parseErrors.length,
        });
        // Only a scrape that got through (wholly, or for some of its replicas) says which replicas exist.
        if (result.ok || result.replicas.length > 0)
          store.observeReplicas(result.endpointId, result.replicas, result.at);
        if (result.endpoint) store.upsertEndpoints([result.endpoint], result.at);
      }
    },
  };
}
