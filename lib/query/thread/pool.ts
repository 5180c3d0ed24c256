import "server-only";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SeriesResponse } from "@/lib/api/schemas";
import type { EndpointFigures, FiguresBackend, SeriesBackend } from "../types";
import type { QueryReply, QueryRequest, QueryThreadData } from "./messages";

// Resolved from the working directory: `next start`, the CLI and the tests all run in the repository,
// and a path from this module's URL would point into Next's bundle.
const ENTRY = pathToFileURL(join(process.cwd(), "lib/query/thread/entry.mjs")).href;
// The thread starts from a line of code that imports the entry, not from its path: the bundler would
// otherwise bundle the entry (and tsx with it) instead of leaving it to load at run time.
const BOOT = `import(${JSON.stringify(ENTRY)})`;

export interface QueryPool extends SeriesBackend, FiguresBackend {
  close(): Promise<void>;
}

interface Pending {
  resolve: (answer: SeriesResponse | EndpointFigures) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Queries asked for in this turn of the event loop, posted together at its end. */
  outbox: QueryRequest[];
}

/**
 * Queries a message carries at most. Posted one by one, the fleet's 6,000 headline queries cost
 * nearly as much CPU in messages as in reading (an endpoint cloned with each query, a message event
 * each); together, the endpoint is cloned once a message.
 */
const MAX_BATCH = 100;

/**
 * The embedded store's queries on worker threads, each with its own read-only connection: a long
 * query no longer holds the event loop that scrapes, writes and answers every other request.
 * Threads start on the first query; one that dies fails its queries and is replaced on the next.
 */
export function createQueryPool({ path, threads }: { path: string; threads: number }): QueryPool {
  const pool: (Thread | null)[] = Array.from({ length: threads }, () => null);
  let nextId = 0;
  let closed = false;

  function start(slot: number): Thread {
    const data: QueryThreadData = { path };
    const worker = new Worker(BOOT, { eval: true, workerData: data, execArgv: ["--conditions=react-server"] });
    const thread: Thread = { worker, pending: new Map(), outbox: [] };
    // An idle thread does not keep the process alive; one with queries in flight does.
    worker.unref();
    worker.on("message", (replies: QueryReply[]) => {
      for (const reply of replies) {
        const waiting = thread.pending.get(reply.id);
        if (!waiting) continue;
        thread.pending.delete(reply.id);
        if ("error" in reply) waiting.reject(new Error(reply.error));
        else waiting.resolve("response" in reply ? reply.response : reply.figures);
      }
      if (thread.pending.size === 0) worker.unref();
    });
    const fail = (why: string) => {
      if (pool[slot] === thread) pool[slot] = null;
      for (const waiting of thread.pending.values()) waiting.reject(new Error(`the query thread stopped: ${why}`));
      thread.pending.clear();
      thread.outbox.length = 0;
    };
    worker.on("error", (error: unknown) => fail(describeThreadError(error)));
    worker.on("exit", (code) => fail(`exit code ${code}`));
    pool[slot] = thread;
    return thread;
  }

  /** The thread with the fewest queries in flight (started if its slot is empty). */
  function leastBusy(): Thread {
    let best: Thread | null = null;
    for (let slot = 0; slot < pool.length; slot++) {
      const thread = pool[slot] ?? start(slot);
      if (!best || thread.pending.size < best.pending.size) best = thread;
    }
    return best as Thread;
  }

  /** Posts the request made with a new id (with the others of this turn) and waits for its answer. */
  function ask<T extends SeriesResponse | EndpointFigures>(request: (id: number) => QueryRequest): Promise<T> {
    if (closed) return Promise.reject(new Error("the query threads are closed"));
    const thread = leastBusy();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as Pending["resolve"], reject });
      if (thread.pending.size === 1) thread.worker.ref();
      thread.outbox.push(request(id));
      if (thread.outbox.length === 1) queueMicrotask(() => post(thread));
    });
  }

  return {
    queryPanel: (endpoint, query) => ask<SeriesResponse>((id) => ({ id, endpoint, query })),
    figures: (endpoint, nowMs, withSparkline) =>
      ask<EndpointFigures>((id) => ({ id, endpoint, figures: { nowMs, withSparkline } })),
    async close() {
      closed = true;
      await Promise.all(pool.map((thread) => thread?.worker.terminate()));
    },
  };
}

/** The thread's outbox, in messages of at most MAX_BATCH queries. */
function post(thread: Thread): void {
  const requests = thread.outbox.splice(0);
  for (let at = 0; at < requests.length; at += MAX_BATCH) thread.worker.postMessage(requests.slice(at, at + MAX_BATCH));
}

/** What a thread threw at its top level (an error from a worker may arrive as a plain object). */
function describeThreadError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(error);
}
