import { DuckDBInstance, StatementType, type DuckDBConnection } from "@duckdb/node-api";
import type { SimulationOptions } from "@/lib/simulation/options";
import { MINUTE_MS } from "@/lib/simulation/traffic";
import { WarehouseSqlError, type DuckDbStatement } from "./sql-dialect";
import { toWireResult, type WireResult } from "./sql-result";
import { createWarehouseTables, loadMinutes, TABLE_WINDOW_MS } from "./warehouse-tables";

const LOAD_BATCH_MS = 24 * 3_600_000;

/** DuckDB behind the fake warehouse: one in-memory database, one statement at a time. */
export interface WarehouseEngine {
  /** Runs one SELECT over the tables as of `nowMs`; throws WarehouseSqlError for what Databricks calls FAILED. */
  query(statement: DuckDbStatement, nowMs: number): Promise<WireResult>;
  /** Loads the tables' rows through `nowMs` without a statement. */
  load(nowMs: number): Promise<void>;
  /** Rows loaded so far and the time that took (for the start-up figures). */
  stats(): { rows: number; loadMs: number };
  close(): void;
}

/** DuckDB's error kinds in Databricks' words (error class, SQLSTATE). */
const ERROR_CLASSES: Array<[RegExp, string, string]> = [
  [/^Parser Error/, "PARSE_SYNTAX_ERROR", "42601"],
  [/^Catalog Error: Table/, "TABLE_OR_VIEW_NOT_FOUND", "42P01"],
  [/^Binder Error: Referenced column/, "UNRESOLVED_COLUMN", "42703"],
  [/^Catalog Error: Scalar Function|^Catalog Error: Function/, "UNRESOLVED_ROUTINE", "42883"],
  [/^Conversion Error|^Invalid Input Error/, "CAST_INVALID_INPUT", "22018"],
];

const UNKNOWN_ERROR: [RegExp, string, string] = [/$/, "INTERNAL_ERROR", "XX000"];

function toWarehouseError(error: unknown): WarehouseSqlError {
  const text = error instanceof Error ? error.message : String(error);
  const message = (text.split("\n")[0] ?? "").replace(/^Failed to extract statements: /, "");
  const [, errorClass, sqlState] = ERROR_CLASSES.find(([pattern]) => pattern.test(message)) ?? UNKNOWN_ERROR;
  return new WarehouseSqlError(`[${errorClass}] ${message}`, sqlState);
}

async function runSelect(connection: DuckDBConnection, statement: DuckDbStatement): Promise<WireResult> {
  const extracted = await connection.extractStatements(statement.sql);
  if (extracted.count !== 1) {
    throw new WarehouseSqlError("[PARSE_SYNTAX_ERROR] Syntax error: one statement at a time.", "42601");
  }
  const prepared = await extracted.prepare(0);
  try {
    if (prepared.statementType !== StatementType.SELECT) {
      throw new WarehouseSqlError("[NOT_SUPPORTED_COMMAND] The fake warehouse only runs queries.", "0A000");
    }
    prepared.bind(statement.values);
    return toWireResult(await prepared.runAndReadAll());
  } finally {
    prepared.destroySync();
  }
}

export async function openWarehouseEngine(simulation: SimulationOptions): Promise<WarehouseEngine> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  await createWarehouseTables(connection);
  let loadedToMs: number | null = null;
  let rows = 0;
  let loadMs = 0;
  let queue: Promise<unknown> = Promise.resolve();
  // Loading and queries share one connection: run them one after another.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function loadThrough(nowMs: number): Promise<void> {
    const toMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    const fromMs = loadedToMs ?? toMs - TABLE_WINDOW_MS;
    if (fromMs >= toMs) return;
    const started = performance.now();
    // A day at a time keeps the rows held in JS at a seventh of the week.
    for (let batchMs = fromMs; batchMs < toMs; batchMs += LOAD_BATCH_MS) {
      rows += await loadMinutes(connection, batchMs, Math.min(toMs, batchMs + LOAD_BATCH_MS), simulation);
    }
    loadMs += performance.now() - started;
    loadedToMs = toMs;
  }

  return {
    query: (statement, nowMs) =>
      serial(async () => {
        await loadThrough(nowMs);
        try {
          return await runSelect(connection, statement);
        } catch (error) {
          throw error instanceof WarehouseSqlError ? error : toWarehouseError(error);
        }
      }),
    load: (nowMs) => serial(() => loadThrough(nowMs)),
    stats: () => ({ rows, loadMs }),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
