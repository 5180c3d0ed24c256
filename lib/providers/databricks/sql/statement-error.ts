import "server-only";
/**
 * Why a statement gave no result, beyond HTTP errors (those are UpstreamError): the warehouse said
 * FAILED, CANCELED or CLOSED (all HTTP 200), our deadline passed (the statement was cancelled), the
 * caller aborted, or the result did not match its manifest.
 */
export type SqlStatementFailure = "FAILED" | "CANCELED" | "CLOSED" | "DEADLINE" | "ABORTED" | "INVALID_RESULT";

export class SqlStatementError extends Error {
  override name = "SqlStatementError";

  constructor(
    message: string,
    readonly reason: SqlStatementFailure,
    /** Databricks' `status.error.error_code` for FAILED, else null. */
    readonly errorCode: string | null = null,
  ) {
    super(message);
  }
}
