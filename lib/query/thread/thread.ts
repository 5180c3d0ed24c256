import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { openStoreReader } from "@/lib/store";
import { figuresFrom } from "../headline";
import { createStoreBackend } from "../store-backend";
import type { QueryReply, QueryRequest, QueryThreadData } from "./messages";

// The query thread: the store backend over its own read-only connection, one query at a time.
const port = parentPort;
if (!port) throw new Error("lib/query/thread/thread.ts runs as a worker thread");
const { path } = workerData as QueryThreadData;
const reader = openReader(path);
const backend = createStoreBackend(reader);
const figures = figuresFrom(backend);

function answer(request: QueryRequest): Promise<QueryReply> {
  const { id, endpoint } = request;
  if ("query" in request) return backend.queryPanel(endpoint, request.query).then((response) => ({ id, response }));
  const { nowMs, withSparkline } = request.figures;
  return figures.figures(endpoint, nowMs, withSparkline).then((answered) => ({ id, figures: answered }));
}

/** The reader, or an Error the parent can read: a subclass (SqliteError) loses its message in the clone. */
function openReader(file: string) {
  try {
    return openStoreReader(file);
  } catch (error) {
    throw new Error(`cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

// A message's queries read one snapshot: the same data, and a read transaction instead of one a statement.
port.on("message", async (requests: QueryRequest[]) => {
  const replies = await reader.snapshot(async () => {
    const answered: QueryReply[] = [];
    for (const request of requests) {
      try {
        answered.push(await answer(request));
      } catch (error) {
        answered.push({ id: request.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return answered;
  });
  port.postMessage(replies);
});
