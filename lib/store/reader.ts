import "server-only";
import Database from "better-sqlite3";
import { readRawHorizon } from "./retention";
import { PAGE_CACHE_KIB } from "./schema";
import { createSeriesReader } from "./series-reader";
import type { Store } from "./store";

export interface StoreReader extends Pick<Store, "eachWindows" | "readReplicaPresence" | "listMetrics"> {
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
  return {
    eachWindows: reader.eachWindows,
    readReplicaPresence: reader.readReplicaPresence,
    listMetrics: reader.listMetrics,
    close: () => db.close(),
  };
}
