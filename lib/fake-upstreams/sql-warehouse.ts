import { randomUUID } from "node:crypto";
import { tryParseJson } from "@/lib/http";
import {
  ExecuteStatementRequestSchema,
  type ExecuteStatementRequest,
  type StatementState,
} from "@/lib/providers/databricks/sql/api-types";
import type { SimulationOptions } from "@/lib/simulation/options";
import { toDuckDbStatement, WarehouseSqlError } from "./sql-dialect";
import type { WireResult } from "./sql-result";
import { jsonReply, type Reply } from "./respond";
import type { WarehouseEngine } from "./warehouse-engine";

/**
 * A Databricks SQL warehouse speaking the Statement Execution API (INLINE, JSON_ARRAY) that really
 * runs each statement on DuckDB over the simulation's tables. A statement answers PENDING for its
 * first polls, RUNNING for the last of them, then its outcome; results come in chunks of `chunkRows`.
 */
export interface WarehouseSettings {
  /** Answers before the outcome (the submit's included): PENDING, and RUNNING for the last when > 1. */
  pollsBeforeResult: number;
  chunkRows: number;
}

export interface ReceivedStatement {
  request: ExecuteStatementRequest;
  statementId: string;
  /** The state of each answer about it, in order. */
  states: StatementState[];
}

export interface FakeSqlWarehouse {
  id: string;
  /** Every statement submitted, as sent. */
  received: ReceivedStatement[];
  configure(settings: Partial<WarehouseSettings>): void;
  /** Closes a statement as Databricks does once its result expires: later answers say CLOSED. */
  close(statementId: string): void;
  handles(path: string): boolean;
  reply(method: string, path: string, body: string): Promise<Reply>;
  /** Rows loaded into DuckDB and the milliseconds that took; null before the first statement. */
  stats(): { rows: number; loadMs: number; openMs: number } | null;
  /** Opens DuckDB and loads the tables now, so that the first statement does not wait for a week of rows. */
  warm(): Promise<void>;
  dispose(): void;
}

type ErrorReply = (status: number, message: string) => Reply;

interface Stored {
  id: string;
  answered: number;
  pollsBeforeResult: number;
  stopped: "CANCELED" | "CLOSED" | null;
  outcome:
    { chunks: WireResult["rows"][]; columns: WireResult["columns"]; truncated: boolean } | { error: WarehouseSqlError };
  log: ReceivedStatement;
}

const PREFIX = "/api/2.0/sql/statements";
/** Statements kept for polling, and in `received`: the demo runs for days. */
const MAX_STORED = 500;
const ROUTE = /^\/api\/2\.0\/sql\/statements(?:\/([^/]+)(?:\/(cancel)|\/result\/chunks\/(\d+))?)?$/;

function limitRows(
  result: WireResult,
  request: ExecuteStatementRequest,
): { rows: WireResult["rows"]; truncated: boolean } {
  const rows: WireResult["rows"] = [];
  let bytes = 0;
  for (const row of result.rows) {
    bytes += JSON.stringify(row).length;
    if (rows.length >= (request.row_limit ?? Infinity) || bytes > (request.byte_limit ?? Infinity)) {
      return { rows, truncated: true };
    }
    rows.push(row);
  }
  return { rows, truncated: false };
}

function stateOf(stored: Stored): StatementState {
  if (stored.stopped) return stored.stopped;
  const { answered, pollsBeforeResult } = stored;
  if (answered < pollsBeforeResult) return answered > 0 && answered === pollsBeforeResult - 1 ? "RUNNING" : "PENDING";
  return "error" in stored.outcome ? "FAILED" : "SUCCEEDED";
}

function chunkInfo(chunks: WireResult["rows"][], index: number) {
  const rowOffset = chunks.slice(0, index).reduce((sum, rows) => sum + rows.length, 0);
  return { chunk_index: index, row_offset: rowOffset, row_count: chunks[index]?.length ?? 0 };
}

function chunkOf(statementId: string, chunks: WireResult["rows"][], index: number): Record<string, unknown> {
  const next = index + 1 < chunks.length ? index + 1 : null;
  const link =
    next === null
      ? {}
      : { next_chunk_index: next, next_chunk_internal_link: `${PREFIX}/${statementId}/result/chunks/${next}` };
  return { ...chunkInfo(chunks, index), data_array: chunks[index] ?? [], ...link };
}

function view(stored: Stored): Record<string, unknown> {
  const state = stateOf(stored);
  stored.answered += 1;
  stored.log.states.push(state);
  const { outcome } = stored;
  if (state === "FAILED" && "error" in outcome) {
    const { message, sqlState } = outcome.error;
    return {
      statement_id: stored.id,
      status: { state, error: { error_code: "BAD_REQUEST", message }, sql_state: sqlState },
    };
  }
  if (state !== "SUCCEEDED" || "error" in outcome) return { statement_id: stored.id, status: { state } };
  const { chunks, columns, truncated } = outcome;
  const manifest = {
    format: "JSON_ARRAY",
    schema: { column_count: columns.length, columns },
    total_chunk_count: chunks.length,
    chunks: chunks.map((_, index) => chunkInfo(chunks, index)),
    total_row_count: chunks.reduce((sum, rows) => sum + rows.length, 0),
    truncated,
  };
  const first = chunks.length ? { result: chunkOf(stored.id, chunks, 0) } : {};
  return { statement_id: stored.id, status: { state }, manifest, ...first };
}

export function createSqlWarehouse(
  now: () => number,
  simulation: SimulationOptions,
  errorReply: ErrorReply,
): FakeSqlWarehouse {
  const id = "5f1c0a2b3d4e5f60";
  const settings: WarehouseSettings = { pollsBeforeResult: 1, chunkRows: 5_000 };
  const statements = new Map<string, Stored>();
  const received: ReceivedStatement[] = [];
  let engine: Promise<{ engine: WarehouseEngine; openMs: number }> | null = null;
  let opened: { engine: WarehouseEngine; openMs: number } | null = null;

  // DuckDB loads on the first statement, so servers that never see SQL never pay for it.
  const openEngine = () =>
    (engine ??= (async () => {
      const started = performance.now();
      const { openWarehouseEngine } = await import("./warehouse-engine");
      opened = { engine: await openWarehouseEngine(simulation), openMs: performance.now() - started };
      return opened;
    })());

  async function submit(body: string): Promise<Reply> {
    const parsed = ExecuteStatementRequestSchema.safeParse(tryParseJson(body));
    if (!parsed.success) return errorReply(400, `Invalid request: ${parsed.error.issues[0]?.message ?? "not JSON"}`);
    const request = parsed.data;
    if (request.warehouse_id !== id) return errorReply(404, `Warehouse ${request.warehouse_id} does not exist.`);
    const waitS = Number.parseInt(request.wait_timeout, 10);
    if (waitS !== 0 && (waitS < 5 || waitS > 50)) {
      return errorReply(400, "wait_timeout must be 0s or between 5s and 50s.");
    }
    if ((request.format ?? "JSON_ARRAY") !== "JSON_ARRAY" || (request.disposition ?? "INLINE") !== "INLINE") {
      return errorReply(400, "This warehouse answers only format JSON_ARRAY with disposition INLINE.");
    }
    const statementId = randomUUID();
    const log: ReceivedStatement = { request, statementId, states: [] };
    let outcome: Stored["outcome"];
    try {
      const duck = toDuckDbStatement(request.statement, request.parameters ?? [], now());
      const result = await (await openEngine()).engine.query(duck, now());
      const { rows, truncated } = limitRows(result, request);
      const size = Math.max(1, settings.chunkRows);
      const chunks: WireResult["rows"][] = [];
      for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
      outcome = { chunks, columns: result.columns, truncated };
    } catch (error) {
      if (!(error instanceof WarehouseSqlError)) throw error;
      outcome = { error };
    }
    const stored: Stored = {
      id: statementId,
      answered: 0,
      pollsBeforeResult: settings.pollsBeforeResult,
      stopped: null,
      outcome,
      log,
    };
    // Listed once it can be polled, cancelled or closed: a test acting on `received` finds it there.
    statements.set(statementId, stored);
    received.push(log);
    if (received.length > MAX_STORED) received.shift();
    if (statements.size > MAX_STORED) statements.delete(statements.keys().next().value ?? "");
    return jsonReply(200, view(stored));
  }

  return {
    id,
    received,
    configure: (next) => Object.assign(settings, next),
    close(statementId) {
      const stored = statements.get(statementId);
      if (stored) stored.stopped = "CLOSED";
    },
    handles: (path) => path === PREFIX || path.startsWith(`${PREFIX}/`),
    async reply(method, path, body) {
      const route = ROUTE.exec(path);
      const [, statementId, cancel, chunk] = route ?? [];
      if (route && !statementId && method === "POST") return submit(body);
      const stored = statementId ? statements.get(statementId) : undefined;
      const notFound = () => errorReply(404, `Statement ${statementId ?? ""} not found.`);
      if (route && statementId && cancel && method === "POST") {
        if (!stored) return notFound();
        if (stateOf(stored) === "PENDING" || stateOf(stored) === "RUNNING") stored.stopped = "CANCELED";
        return jsonReply(200, {});
      }
      if (route && statementId && method === "GET") {
        if (!stored) return notFound();
        if (chunk === undefined) return jsonReply(200, view(stored));
        const index = Number(chunk);
        const chunks = "chunks" in stored.outcome ? stored.outcome.chunks : [];
        if (stateOf(stored) !== "SUCCEEDED" || index >= chunks.length) return errorReply(400, `No chunk ${index}.`);
        return jsonReply(200, chunkOf(stored.id, chunks, index));
      }
      return jsonReply(404, { error_code: "ENDPOINT_NOT_FOUND", message: `No API found for '${method} ${path}'` });
    },
    stats: () => (opened ? { ...opened.engine.stats(), openMs: opened.openMs } : null),
    warm: async () => (await openEngine()).engine.load(now()),
    dispose: () => opened?.engine.close(),
  };
}
