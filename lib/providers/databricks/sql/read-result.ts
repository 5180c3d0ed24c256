import "server-only";
import type { ColumnInfo, ResultData, StatementResponse } from "./api-types";
import { castSqlValue, SqlCastError, type SqlValue } from "./cast";
import { SqlStatementError } from "./statement-error";

export interface SqlColumn {
  name: string;
  /** The manifest's `type_name` (LONG, TIMESTAMP, …), which decided how values were cast. */
  typeName: string;
  position: number;
}
export type SqlRow = Record<string, SqlValue>;

export interface SqlResult {
  statementId: string;
  columns: SqlColumn[];
  rows: SqlRow[];
  /** The warehouse or our row/byte caps left rows out. */
  truncated: boolean;
}

export interface ResultLimits {
  maxRows: number;
  maxBytes: number;
}

type FetchChunk = (index: number) => Promise<{ body: ResultData; bytes: number }>;

function invalid(message: string): SqlStatementError {
  return new SqlStatementError(`unexpected SQL result: ${message}`, "INVALID_RESULT");
}

/** The statement's terminal state as an error, for every state but SUCCEEDED. */
function failure(response: StatementResponse): SqlStatementError | null {
  const { state, error, sql_state: sqlState } = response.status;
  switch (state) {
    case "SUCCEEDED":
      return null;
    case "FAILED": {
      const code = error?.error_code ?? null;
      const detail = [error?.message ?? "no message", code && `(${code}${sqlState ? `, SQLSTATE ${sqlState}` : ""})`];
      return new SqlStatementError(`SQL statement failed: ${detail.filter(Boolean).join(" ")}`, "FAILED", code);
    }
    case "CANCELED":
      return new SqlStatementError("SQL statement was cancelled on the warehouse", "CANCELED");
    case "CLOSED":
      return new SqlStatementError("SQL statement was closed before its result was read", "CLOSED");
    default:
      return invalid(`state ${state} after polling`);
  }
}

function toColumns(columns: ColumnInfo[]): SqlColumn[] {
  const sorted = [...columns].sort((a, b) => a.position - b.position);
  const seen = new Set<string>();
  for (const { name } of sorted) {
    if (seen.has(name)) throw invalid(`two columns are named ${JSON.stringify(name)}; alias one of them`);
    seen.add(name);
  }
  return sorted.map(({ name, type_name: typeName, position }) => ({ name, typeName, position }));
}

function toRow(columns: SqlColumn[], values: Array<string | null>): SqlRow {
  if (values.length !== columns.length)
    throw invalid(`a row has ${values.length} values for ${columns.length} columns`);
  const row: SqlRow = {};
  columns.forEach((column, index) => {
    try {
      row[column.name] = castSqlValue(column.typeName, values[index] ?? null);
    } catch (error) {
      if (error instanceof SqlCastError) throw invalid(`column ${column.name}: ${error.message}`);
      throw error;
    }
  });
  return row;
}

const CHUNK_LINK = /^\/api\/2\.0\/sql\/statements\/[^/]+\/result\/chunks\/(\d+)$/;

/** The next chunk's index, from `next_chunk_index` or the internal link (never followed as a URL). */
function nextChunkIndex(chunk: ResultData, current: number, total: number): number | null {
  const link = chunk.next_chunk_internal_link;
  const fromLink = link ? CHUNK_LINK.exec(link)?.[1] : undefined;
  if (link && fromLink === undefined) throw invalid(`next_chunk_internal_link ${JSON.stringify(link)}`);
  const next = chunk.next_chunk_index ?? (fromLink === undefined ? null : Number(fromLink));
  if (next === null) return null;
  if (next <= current || next >= total) throw invalid(`next chunk ${next} after chunk ${current} of ${total}`);
  return next;
}

/**
 * Reads a finished statement: throws for FAILED, CANCELED and CLOSED; for SUCCEEDED follows the
 * chunks (the first may come with the response) until the rows, the bytes or the chunks run out.
 */
export async function readResult(
  response: StatementResponse,
  responseBytes: number,
  limits: ResultLimits,
  fetchChunk: FetchChunk,
): Promise<SqlResult> {
  const error = failure(response);
  if (error) throw error;
  const { manifest, statement_id: statementId } = response;
  if (!manifest) throw invalid("SUCCEEDED without a manifest");
  const columns = toColumns(manifest.schema.columns);
  const total = manifest.total_chunk_count ?? (response.result ? 1 : 0);
  const rows: SqlRow[] = [];
  let truncated = manifest.truncated ?? false;
  let bytes = 0;
  let index = 0;
  let chunk: ResultData | null = null;
  if (response.result && (response.result.chunk_index ?? 0) === 0) {
    chunk = response.result;
    bytes = responseBytes;
  } else if (total > 0) {
    ({ body: chunk, bytes } = await fetchChunk(0));
  }
  while (chunk) {
    for (const values of chunk.data_array) {
      if (rows.length >= limits.maxRows) {
        truncated = true;
        break;
      }
      rows.push(toRow(columns, values));
    }
    const next = nextChunkIndex(chunk, index, total);
    if (next === null) break;
    if (rows.length >= limits.maxRows || bytes >= limits.maxBytes) {
      truncated = true;
      break;
    }
    const fetched = await fetchChunk(next);
    if ((fetched.body.chunk_index ?? next) !== next) throw invalid(`asked for chunk ${next}, got another`);
    ({ body: chunk } = fetched);
    bytes += fetched.bytes;
    index = next;
  }
  return { statementId, columns, rows, truncated };
}
