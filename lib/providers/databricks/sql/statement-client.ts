import "server-only";
import {
  DEFAULT_HTTP_OPTIONS,
  fetchUpstream,
  joinUrl,
  parseJsonResponse,
  UpstreamError,
  type HttpOptions,
} from "@/lib/http";
import { sleep } from "@/lib/http/backoff";
import { formatSeconds } from "@/lib/http/upstream-error";
import type { z } from "zod";
import {
  ResultDataSchema,
  StatementResponseSchema,
  readStatementErrorMessage,
  type ExecuteStatementRequest,
  type StatementResponse,
} from "./api-types";
import { toStatementParameters, type SqlParams } from "./parameters";
import { readResult, type SqlResult } from "./read-result";
import { SqlStatementError } from "./statement-error";

export interface StatementClientOptions {
  /** The workspace URL; every request goes to this host only. */
  host: string;
  token: string;
  warehouseId: string;
  /** Per request: timeout, retries (5xx, 429 with Retry-After), body cap. */
  http?: Partial<HttpOptions>;
  /** How long the submit call waits for a result: 0 (answer at once) or 5–50 s. Default 5. */
  waitTimeoutS?: number;
  /** Polls start `initialMs` apart and double up to `maxMs`. */
  poll?: { initialMs: number; maxMs: number };
}

export interface ExecuteOptions {
  /** Rows kept; more make `truncated` true. Default 10,000. */
  maxRows?: number;
  /** Result bytes read before no further chunk is fetched (`truncated`). Default 5 MB. */
  maxBytes?: number;
  /** For the whole statement, polls included; then it is cancelled. Default 30 s. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

export interface StatementClient {
  execute(sql: string, params?: SqlParams, options?: ExecuteOptions): Promise<SqlResult>;
}

const DEFAULT_EXECUTE = { maxRows: 10_000, maxBytes: 5 * 1024 * 1024, deadlineMs: 30_000 };
const DEFAULT_POLL = { initialMs: 250, maxMs: 2_000 };
const DEFAULT_WAIT_TIMEOUT_S = 5;
/** The submit call must return (with a statement id to cancel) this long before the deadline. */
const SUBMIT_MARGIN_MS = 5_000;
const CANCEL_TIMEOUT_MS = 3_000;
const JSON_ACCEPT = "application/json";

/** Databricks accepts 0 or 5–50 s; a short deadline leaves no room to wait, so 0. */
function waitTimeoutFor(configuredS: number, deadlineMs: number): number {
  const roomS = Math.floor((deadlineMs - SUBMIT_MARGIN_MS) / 1000);
  return configuredS === 0 || roomS < 5 ? 0 : Math.min(configuredS, roomS);
}

function validateOptions(options: StatementClientOptions): void {
  new URL(options.host);
  if (!options.warehouseId) throw new Error("a SQL warehouse id is required");
  const wait = options.waitTimeoutS ?? DEFAULT_WAIT_TIMEOUT_S;
  if (!(wait === 0 || (Number.isInteger(wait) && wait >= 5 && wait <= 50))) {
    throw new Error(`waitTimeoutS must be 0 or 5–50, not ${wait}`);
  }
}

/**
 * A client of the SQL Statement Execution API for one warehouse: submit, poll PENDING/RUNNING with
 * backoff until a deadline (then cancel), read INLINE JSON_ARRAY chunks, cast values by type.
 */
export function createStatementClient(options: StatementClientOptions): StatementClient {
  validateOptions(options);
  const { host, token, warehouseId } = options;
  const http: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...options.http };
  const poll = options.poll ?? DEFAULT_POLL;
  const statementsUrl = (...segments: string[]) => joinUrl(host, "api", "2.0", "sql", "statements", ...segments);

  async function call<T extends z.ZodType>(
    url: string,
    schema: T,
    signal: AbortSignal,
    json?: ExecuteStatementRequest,
    timeoutMs = http.timeoutMs,
  ): Promise<{ body: z.infer<T>; bytes: number }> {
    const request = { url, token, accept: JSON_ACCEPT, signal, json, readErrorMessage: readStatementErrorMessage };
    const response = await fetchUpstream(request, { ...http, timeoutMs });
    return { body: parseJsonResponse(response, schema, url), bytes: response.bytes };
  }

  async function cancel(statementId: string): Promise<void> {
    const request = { url: statementsUrl(statementId, "cancel"), token, accept: JSON_ACCEPT, method: "POST" as const };
    await fetchUpstream(request, { ...http, retries: 0, timeoutMs: CANCEL_TIMEOUT_MS }).catch(() => undefined);
  }

  async function run(
    sql: string,
    params: SqlParams,
    limits: typeof DEFAULT_EXECUTE,
    signal: AbortSignal,
    onSubmitted: (id: string) => void,
  ): Promise<SqlResult> {
    const waitS = waitTimeoutFor(options.waitTimeoutS ?? DEFAULT_WAIT_TIMEOUT_S, limits.deadlineMs);
    const request: ExecuteStatementRequest = {
      statement: sql,
      warehouse_id: warehouseId,
      wait_timeout: `${waitS}s`,
      on_wait_timeout: "CONTINUE",
      format: "JSON_ARRAY",
      disposition: "INLINE",
      parameters: toStatementParameters(sql, params),
      row_limit: limits.maxRows,
      byte_limit: limits.maxBytes,
    };
    // A retried submit may start the statement twice; statements here only read, so that is harmless.
    const submitTimeoutMs = Math.max(http.timeoutMs, waitS * 1000 + SUBMIT_MARGIN_MS);
    let { body: response, bytes } = await call(
      statementsUrl(),
      StatementResponseSchema,
      signal,
      request,
      submitTimeoutMs,
    );
    onSubmitted(response.statement_id);
    for (let attempt = 0; response.status.state === "PENDING" || response.status.state === "RUNNING"; attempt += 1) {
      await sleep(Math.min(poll.maxMs, poll.initialMs * 2 ** attempt), signal);
      ({ body: response, bytes } = await call(statementsUrl(response.statement_id), StatementResponseSchema, signal));
    }
    const finished: StatementResponse = response;
    return readResult(finished, bytes, limits, (index) =>
      call(statementsUrl(finished.statement_id, "result", "chunks", String(index)), ResultDataSchema, signal),
    );
  }

  return {
    async execute(sql, params = {}, executeOptions = {}) {
      const limits = {
        maxRows: executeOptions.maxRows ?? DEFAULT_EXECUTE.maxRows,
        maxBytes: executeOptions.maxBytes ?? DEFAULT_EXECUTE.maxBytes,
        deadlineMs: executeOptions.deadlineMs ?? DEFAULT_EXECUTE.deadlineMs,
      };
      const deadline = AbortSignal.timeout(limits.deadlineMs);
      const caller = executeOptions.signal;
      const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
      let statementId: string | null = null;
      try {
        return await run(sql, params, limits, signal, (id) => (statementId = id));
      } catch (error) {
        const stopped = deadline.aborted || caller?.aborted;
        if (!stopped || !(error instanceof UpstreamError || error === signal.reason)) throw error;
        if (statementId) await cancel(statementId);
        if (caller?.aborted) throw new SqlStatementError("SQL statement was cancelled", "ABORTED");
        throw new SqlStatementError(
          `SQL statement did not finish within ${formatSeconds(limits.deadlineMs)}; it was cancelled`,
          "DEADLINE",
        );
      }
    },
  };
}
