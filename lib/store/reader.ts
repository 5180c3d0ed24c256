import "server-only";
import Database from "better-sqlite3";
import { readRawHorizon } from "./retention";
import { PAGE_CACHE_KIB } from "./schema";
import { createSeriesReader } from "./series-reader";
import type { Store } from "./store";

export interface StoreReader extends Pick<Store, "eachWindows" | "readReplicaPresence" | "listMetrics"> {
  /**
   * Runs `read` on one snapshot of the store: its statements share one read transaction. Each
   * statement outside one takes and drops WAL read locks of its own, ~3 µs of a 4–10 µs chunk read,
   * and a fleet's figures run some 30,000 of them. Nested or overlapping calls share the outermost.
   */
  snapshot<T>(read: () => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * A read-only connection to a store another connection writes (WAL: readers see every committed
 * batch and never block the writer), for reading history off the writer's thread.
 */
export function openStoreReader(path: string): StoreReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Retention runs on the writer: the horizon is read from the database at each query.
  const reader = createSeriesReader(db, readRawHorizon(db));
  const begin = db.prepare("BEGIN");
  const commit = db.prepare("COMMIT");
  let depth = 0;
  return {
    async snapshot(read) {
      if (depth++ === 0) begin.run();
      try {
        return await read();
      } finally {
        // Read-only: COMMIT only ends the snapshot, there is nothing to write.
        if (--depth === 0) commit.run();
      }
    },
    eachWindows: reader.eachWindows,
    readReplicaPresence: reader.readReplicaPresence,
    listMetrics: reader.listMetrics,
    close: () => db.close(),
  };
}
