import "server-only";
import type { StatementParameter } from "./api-types";
import { parseTableName } from "./table-name";

/**
 * Values for a statement's `:name` markers. They travel in `parameters`, never inside the SQL text.
 * A string is STRING, a boolean BOOLEAN, an integer BIGINT, another number DOUBLE; `sqlParam` makes
 * the typed ones (timestamps, table names for `IDENTIFIER(:name)`).
 */
export interface TypedSqlParam {
  readonly type: string;
  /** null is SQL NULL. */
  readonly value: string | null;
}
export type SqlParamValue = string | number | boolean | null | TypedSqlParam;
export type SqlParams = Readonly<Record<string, SqlParamValue>>;

export class SqlParameterError extends Error {
  override name = "SqlParameterError";
}

export const sqlParam = {
  /** A TIMESTAMP from ms since the epoch. */
  timestamp: (ms: number): TypedSqlParam => {
    if (!Number.isFinite(ms)) throw new SqlParameterError(`not a time: ${ms}`);
    return { type: "TIMESTAMP", value: new Date(ms).toISOString() };
  },
  /** A checked `catalog.schema.table`, for `IDENTIFIER(:name)`; throws TableNameError. */
  table: (name: string): TypedSqlParam => ({ type: "STRING", value: parseTableName(name).sql }),
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IDENTIFIER_MARKERS = /\bIDENTIFIER\s*\(\s*:([A-Za-z_][A-Za-z0-9_]*)\s*\)/gi;
const TYPE = /^[A-Z][A-Z_]*(?:\(\d+(?:, ?\d+)?\))?$/;

function tableNameOf(name: string, value: SqlParamValue): string {
  const text = typeof value === "string" ? value : value !== null && typeof value === "object" ? value.value : null;
  if (text === null) throw new SqlParameterError(`parameter :${name} names a table: give it a string`);
  return text;
}

function toTyped(name: string, value: SqlParamValue): TypedSqlParam {
  if (value === null || typeof value === "string") return { type: "STRING", value };
  if (typeof value === "boolean") return { type: "BOOLEAN", value: String(value) };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SqlParameterError(`parameter :${name} is not a finite number`);
    return { type: Number.isInteger(value) ? "BIGINT" : "DOUBLE", value: String(value) };
  }
  if (!TYPE.test(value.type)) throw new SqlParameterError(`parameter :${name} has an invalid type ${value.type}`);
  return value;
}

/**
 * The `parameters` of a request. Each name must be a plain identifier used as `:name` in `sql`
 * (a parameter the statement never reads is a mistake in the query); the value of each
 * `IDENTIFIER(:name)` must be a table name (TableNameError otherwise), however it was passed.
 */
export function toStatementParameters(sql: string, params: SqlParams): StatementParameter[] {
  const tables = new Set(Array.from(sql.matchAll(IDENTIFIER_MARKERS), (marker) => marker[1]));
  return Object.entries(params).map(([name, value]) => {
    if (!NAME.test(name)) throw new SqlParameterError(`invalid parameter name ${JSON.stringify(name)}`);
    if (!new RegExp(`(?<![:\\w]):${name}(?!\\w)`).test(sql)) {
      throw new SqlParameterError(`parameter :${name} does not appear in the statement`);
    }
    const typed = tables.has(name) ? sqlParam.table(tableNameOf(name, value)) : toTyped(name, value);
    return typed.value === null ? { name, type: typed.type } : { name, type: typed.type, value: typed.value };
  });
}
