import type { StatementParameter } from "@/lib/providers/databricks/sql/api-types";
import { parseTableName, TableNameError } from "@/lib/providers/databricks/sql/table-name";

/**
 * Databricks SQL → DuckDB SQL, for the few spellings the app's queries use that DuckDB lacks:
 * `:name` markers → `CAST($name AS type)`; `IDENTIFIER(:name)` → the checked table name;
 * `system.` (reserved in DuckDB) → `sim_system.`; backquoted identifiers → double quotes;
 * "…" and '…' strings with backslash escapes → DuckDB strings; `current_timestamp()`, `now()`,
 * `current_date()` → the fake's clock. `unix_millis`, `timestamp_millis`… are macros (warehouse-tables).
 */
export const SYSTEM_CATALOG_ALIAS = "sim_system";

/** A statement the warehouse refuses: FAILED (HTTP 200) with this message, Databricks' error class in brackets. */
export class WarehouseSqlError extends Error {
  override name = "WarehouseSqlError";

  constructor(
    message: string,
    readonly sqlState = "42000",
  ) {
    super(message);
  }
}

export interface DuckDbStatement {
  sql: string;
  /** Only the parameters the statement uses (DuckDB refuses others), by name; null is NULL. */
  values: Record<string, string | null>;
}

const PARAMETER_TYPES: Record<string, string> = {
  STRING: "VARCHAR",
  BIGINT: "BIGINT",
  LONG: "BIGINT",
  INT: "INTEGER",
  INTEGER: "INTEGER",
  SMALLINT: "SMALLINT",
  SHORT: "SMALLINT",
  TINYINT: "TINYINT",
  BYTE: "TINYINT",
  DOUBLE: "DOUBLE",
  FLOAT: "FLOAT",
  BOOLEAN: "BOOLEAN",
  DATE: "DATE",
  TIMESTAMP: "TIMESTAMPTZ",
  TIMESTAMP_NTZ: "TIMESTAMP",
};
const DECIMAL_TYPE = /^DECIMAL\(\d{1,2}(?:, ?\d{1,2})?\)$/;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const MARKER = /:([A-Za-z_][A-Za-z0-9_]*)/y;
const IDENTIFIER_CALL = /\s*\(\s*:([A-Za-z_][A-Za-z0-9_]*)\s*\)/y;
const EMPTY_CALL = /\s*\(\s*\)/y;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0" };

function duckType(parameter: StatementParameter): string {
  const type = (parameter.type ?? "STRING").toUpperCase();
  const mapped = PARAMETER_TYPES[type] ?? (DECIMAL_TYPE.test(type) ? type : undefined);
  if (!mapped) throw new WarehouseSqlError(`[UNSUPPORTED_DATATYPE] Unsupported data type "${parameter.type}".`);
  return mapped;
}

function quoteDuck(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function catalogOf(name: string): string {
  return name.toLowerCase() === "system" ? SYSTEM_CATALOG_ALIAS : name;
}

/** Reads a quoted run starting at `start` (the quote); returns its content and the index after it. */
function readQuoted(sql: string, start: number, backslashEscapes: boolean): [string, number] {
  const quote = sql[start];
  let text = "";
  for (let i = start + 1; i < sql.length; i += 1) {
    const char = sql[i];
    if (backslashEscapes && char === "\\" && i + 1 < sql.length) {
      const next = sql[i + 1] ?? "";
      text += ESCAPES[next] ?? next;
      i += 1;
    } else if (char === quote && sql[i + 1] === quote) {
      text += quote;
      i += 1;
    } else if (char === quote) {
      return [text, i + 1];
    } else {
      text += char;
    }
  }
  throw new WarehouseSqlError("[PARSE_SYNTAX_ERROR] Syntax error: unclosed quote.");
}

function match(pattern: RegExp, sql: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(sql);
}

/** Translates one Databricks statement; throws WarehouseSqlError for an unbound marker or a bad name. */
export function toDuckDbStatement(sql: string, parameters: StatementParameter[], nowMs: number): DuckDbStatement {
  const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]));
  const values: Record<string, string | null> = {};
  const bound = (name: string): StatementParameter => {
    const parameter = byName.get(name);
    if (!parameter) throw new WarehouseSqlError(`[UNBOUND_SQL_PARAMETER] Found the unbound parameter: ${name}.`);
    return parameter;
  };
  const now = new Date(nowMs).toISOString();
  const clock: Record<string, string> = {
    current_timestamp: `CAST('${now}' AS TIMESTAMPTZ)`,
    now: `CAST('${now}' AS TIMESTAMPTZ)`,
    current_date: `CAST('${now.slice(0, 10)}' AS DATE)`,
  };
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] ?? "";
    if (char === "'" || char === '"') {
      const [text, end] = readQuoted(sql, i, true);
      out += `'${text.replaceAll("'", "''")}'`;
      i = end;
    } else if (char === "`") {
      const [name, end] = readQuoted(sql, i, false);
      out += sql[end] === "." ? quoteDuck(catalogOf(name)) : quoteDuck(name);
      i = end;
    } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
      const close = sql.startsWith("--", i) ? "\n" : "*/";
      const end = sql.indexOf(close, i + 2);
      const stop = end < 0 ? sql.length : end + close.length;
      out += sql.slice(i, stop);
      i = stop;
    } else if (sql.startsWith("::", i)) {
      out += "::";
      i += 2;
    } else if (char === ":" && !/[\w)\]`"]/.test(sql[i - 1] ?? "") && match(MARKER, sql, i)) {
      const name = match(MARKER, sql, i)?.[1] ?? "";
      const parameter = bound(name);
      values[name] = parameter.value ?? null;
      out += `CAST($${name} AS ${duckType(parameter)})`;
      i += name.length + 1;
    } else if (/[A-Za-z_]/.test(char) && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const word = match(WORD, sql, i)?.[0] ?? char;
      const lower = word.toLowerCase();
      const end = i + word.length;
      const identifier = lower === "identifier" ? match(IDENTIFIER_CALL, sql, end) : null;
      const call = match(EMPTY_CALL, sql, end);
      if (identifier) {
        const parameter = bound(identifier[1] ?? "");
        out += duckTableName(parameter.value ?? "");
        i = end + identifier[0].length;
      } else if (clock[lower] && (call || lower !== "now")) {
        out += clock[lower];
        i = end + (call?.[0].length ?? 0);
      } else {
        out += sql[end] === "." ? catalogOf(word) : word;
        i = end;
      }
    } else {
      out += char;
      i += 1;
    }
  }
  return { sql: out, values };
}

function duckTableName(value: string): string {
  try {
    const [catalog, schema, table] = parseTableName(value).parts;
    return [catalogOf(catalog), schema, table].map(quoteDuck).join(".");
  } catch (error) {
    if (error instanceof TableNameError) throw new WarehouseSqlError(`[INVALID_IDENTIFIER] ${error.message}.`);
    throw error;
  }
}
