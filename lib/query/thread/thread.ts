import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { openStoreReader } from "@/lib/store";
import { createStoreBackend } from "../store-backend";
import type { QueryReply, QueryRequest, QueryThreadData } from "./messages";

// The query thread: the store backend over its own read-only connection, one query at a time.
const port = parentPort;
if (!port) throw new Error("lib/query/thread/thread.ts runs as a worker thread");
const { path } = workerData as QueryThreadData;
const backend = createStoreBackend(openReader(path));

/** The reader, or an Error the parent can read: a subclass (SqliteError) loses its message in the clone. */
function openReader(file: string) {
  try {
    return openStoreReader(file);
  } catch (error) {
    throw new Error(`cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

port.on("message", async (requests: QueryRequest[]) => {
  const replies: QueryReply[] = [];
  for (const { id, endpoint, query } of requests) {
    try {
      replies.push({ id, response: await backend.queryPanel(endpoint, query) });
    } catch (error) {
      replies.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  port.postMessage(replies);
});
