import "server-only";
/**
 * Databricks SQL: read Unity Catalog tables through the Statement Execution API of one warehouse.
 *
 *   const sql = createStatementClient({ host, token, warehouseId });
 *   const { columns, rows, truncated } = await sql.execute(
 *     "SELECT severity_text, count(*) AS n FROM IDENTIFIER(:table) WHERE time >= :from GROUP BY 1",
 *     { table: sqlParam.table(logsTable), from: sqlParam.timestamp(fromMs) },
 *     { maxRows: 1000, deadlineMs: 20_000, signal },
 *   );
 *   // rows: [{ severity_text: "ERROR", n: 42 }]: values cast by the column's type_name
 *
 * - Values travel only as named parameters (`:name` in the SQL, `params` here), never in the text;
 *   table names go through `sqlParam.table` (checked `catalog.schema.table`) into `IDENTIFIER(:name)`.
 *   A plain string is STRING, a boolean BOOLEAN, an integer BIGINT, another number DOUBLE.
 * - Casts (read-result.ts, cast.ts): integer types → number (bigint past 2^53), FLOAT/DOUBLE/DECIMAL →
 *   number, BOOLEAN → boolean, DATE/TIMESTAMP/TIMESTAMP_NTZ → ms since the epoch (zone-less read as UTC),
 *   BINARY → Uint8Array, ARRAY/MAP/STRUCT/VARIANT → parsed JSON, STRING/INTERVAL/others → string, NULL → null.
 * - `execute` rejects with SqlStatementError (FAILED, CANCELED, CLOSED: HTTP 200; DEADLINE: the
 *   statement was cancelled; ABORTED; INVALID_RESULT), UpstreamError (HTTP 4xx/5xx as
 *   "ERROR_CODE: message", 429 after bounded Retry-After waits, timeouts), SqlParameterError or
 *   TableNameError (before anything is sent). No message contains the token.
 * - Caps: `maxRows` (sent as `row_limit` and enforced), `maxBytes` (sent as `byte_limit`; no chunk is
 *   fetched once the bytes read reach it), each response at most `http.maxBytes`.
 */
export { createStatementClient } from "./statement-client";
export type { ExecuteOptions, StatementClient, StatementClientOptions } from "./statement-client";
export type { SqlColumn, SqlResult, SqlRow } from "./read-result";
export type { JsonValue, SqlValue } from "./cast";
export { sqlParam, SqlParameterError } from "./parameters";
export type { SqlParams, SqlParamValue, TypedSqlParam } from "./parameters";
export { parseTableName, TableNameError } from "./table-name";
export type { TableName } from "./table-name";
export { SqlStatementError } from "./statement-error";
export type { SqlStatementFailure } from "./statement-error";
