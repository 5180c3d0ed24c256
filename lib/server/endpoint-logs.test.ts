import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/http";
import { SqlStatementError } from "@/lib/providers/databricks/sql";
import { ApiProblem } from "./api-response";
import { toLogsProblem } from "./endpoint-logs";

/** The same class from another copy of its module, as another route's bundle has it. */
class ForeignSqlStatementError extends Error {
  override name = "SqlStatementError";
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

describe("toLogsProblem", () => {
  it.each([
    [new SqlStatementError("SQL statement failed: no table", "FAILED"), 502, "warehouse_error"],
    [new SqlStatementError("did not finish", "DEADLINE"), 504, "warehouse_timeout"],
    [new ForeignSqlStatementError("SQL statement was cancelled", "ABORTED"), 502, "warehouse_error"],
    [new UpstreamError("request to h timed out after 10 s", null), 504, "upstream_timeout"],
    [new UpstreamError("HTTP 403 from h: no access", 403), 502, "upstream_error"],
  ])("%s → %i %s", (error, status, code) => {
    const problem = toLogsProblem(error);
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({ status, code, message: error.message });
  });

  it("leaves any other error alone (a 500 without internals)", () => {
    const bug = new TypeError("x is undefined");
    expect(toLogsProblem(bug)).toBe(bug);
  });
});
