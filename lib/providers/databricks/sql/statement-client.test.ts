import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import { UpstreamError } from "@/lib/http";
import { createStatementClient, sqlParam, SqlStatementError, TableNameError, type StatementClientOptions } from ".";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
const LOGS_TABLE = "prod.serving_telemetry.recsys_features_otel_logs";
const SEVEN_ROWS = "SELECT CAST(x AS INT) AS x, 'row ' || x AS label FROM range(7) AS r(x) ORDER BY x";
let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams({ now: NOW });
  await client().execute("SELECT 1 AS warm"); // loads DuckDB and a week of rows once
});
afterAll(() => fakes.close());
beforeEach(() => {
  fakes.sqlWarehouse.configure({ pollsBeforeResult: 2, chunkRows: 5_000 });
  fakes.setFault("databricks", null);
});

function client(options: Partial<StatementClientOptions> = {}) {
  return createStatementClient({
    host: fakes.databricks.url,
    token: fakes.databricks.token,
    warehouseId: fakes.sqlWarehouse.id,
    poll: { initialMs: 5, maxMs: 20 },
    http: { backoffBaseMs: 5, timeoutMs: 10_000 },
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error(`expected a rejection, got ${String(error)}`);
  expect(error.message).not.toContain(fakes.databricks.token);
  return error;
}

const lastStatement = () => fakes.sqlWarehouse.received.at(-1);
const requestsTo = (suffix: string) => fakes.received.filter((request) => request.path.endsWith(suffix));

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

/** Waits for the fake to have received a statement after `count` of them, and returns its id. */
async function nextStatementId(count: number): Promise<string> {
  for (let i = 0; i < 500; i += 1) {
    const statement = fakes.sqlWarehouse.received[count];
    if (statement) return statement.statementId;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the fake received no statement");
}

describe("createStatementClient against the fake warehouse", () => {
  it("polls PENDING → RUNNING → SUCCEEDED and returns typed rows", async () => {
    fakes.sqlWarehouse.configure({ pollsBeforeResult: 3 });
    const result = await client().execute("SELECT 41 + 1 AS answer, 'ok' AS word");
    expect(lastStatement()?.states).toEqual(["PENDING", "PENDING", "RUNNING", "SUCCEEDED"]);
    expect(result.rows).toEqual([{ answer: 42, word: "ok" }]);
    expect(result.columns).toEqual([
      { name: "answer", typeName: "INT", position: 0 },
      { name: "word", typeName: "STRING", position: 1 },
    ]);
    expect(result.truncated).toBe(false);
    expect(lastStatement()?.request).toMatchObject({
      warehouse_id: fakes.sqlWarehouse.id,
      format: "JSON_ARRAY",
      disposition: "INLINE",
      wait_timeout: "5s",
      on_wait_timeout: "CONTINUE",
    });
  });

  it("reads a result that is ready at once", async () => {
    fakes.sqlWarehouse.configure({ pollsBeforeResult: 0 });
    await client().execute("SELECT 1 AS one");
    expect(lastStatement()?.states).toEqual(["SUCCEEDED"]);
  });

  it("casts every type the warehouse returns", async () => {
    const sql = `SELECT CAST(1 AS TINYINT) AS byte_v, CAST(300 AS SMALLINT) AS short_v, CAST(7 AS INT) AS int_v,
      CAST(9007199254740993 AS BIGINT) AS long_v, CAST(1.5 AS FLOAT) AS float_v, CAST(2.25 AS DOUBLE) AS double_v,
      CAST('12.345' AS DECIMAL(10,3)) AS decimal_v, true AS bool_v, DATE '2026-11-23' AS date_v,
      timestamp_millis(1795435200123) AS ts_v, unhex('0102ff') AS binary_v, split('a,b', ',') AS array_v,
      INTERVAL 90 MINUTE AS interval_v, CAST(NULL AS INT) AS null_v, 'text' AS string_v,
      resource AS struct_v, attributes AS variant_v
      FROM IDENTIFIER(:table) WHERE severity_text = 'ERROR' LIMIT 1`;
    const { rows, columns } = await client().execute(sql, { table: sqlParam.table(LOGS_TABLE) });
    expect(columns.map((column) => column.typeName)).toEqual([
      "BYTE",
      "SHORT",
      "INT",
      "LONG",
      "FLOAT",
      "DOUBLE",
      "DECIMAL",
      "BOOLEAN",
      "DATE",
      "TIMESTAMP",
      "BINARY",
      "ARRAY",
      "INTERVAL",
      "INT",
      "STRING",
      "STRUCT",
      "VARIANT",
    ]);
    expect(rows[0]).toEqual({
      byte_v: 1,
      short_v: 300,
      int_v: 7,
      long_v: 9007199254740993n,
      float_v: 1.5,
      double_v: 2.25,
      decimal_v: 12.345,
      bool_v: true,
      date_v: Date.UTC(2026, 10, 23),
      ts_v: 1795435200123,
      binary_v: new Uint8Array([1, 2, 255]),
      array_v: ["a", "b"],
      interval_v: "0 01:30:00.000000",
      null_v: null,
      string_v: "text",
      struct_v: { attributes: { "service.name": "recsys-features" }, dropped_attributes_count: 0 },
      variant_v: expect.objectContaining({ "exception.type": expect.any(String), served_entity_name: "recsys-fs" }),
    });
  });

  it("follows several chunks in order", async () => {
    fakes.sqlWarehouse.configure({ chunkRows: 2 });
    const before = fakes.received.length;
    const { rows, truncated } = await client().execute(SEVEN_ROWS);
    expect(rows.map((row) => row.x)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rows[6]).toEqual({ x: 6, label: "row 6" });
    expect(truncated).toBe(false);
    const chunkPaths = fakes.received.slice(before).filter((request) => request.path.includes("/result/chunks/"));
    expect(chunkPaths.map((request) => request.path.split("/").at(-1))).toEqual(["1", "2", "3"]);
  });

  it("caps rows: sends row_limit and says the result is truncated", async () => {
    fakes.sqlWarehouse.configure({ chunkRows: 2 });
    const { rows, truncated } = await client().execute(SEVEN_ROWS, {}, { maxRows: 3 });
    expect(rows.map((row) => row.x)).toEqual([0, 1, 2]);
    expect(truncated).toBe(true);
    expect(lastStatement()?.request.row_limit).toBe(3);
  });

  it("caps bytes: fetches no chunk once the bytes read reach maxBytes", async () => {
    fakes.sqlWarehouse.configure({ chunkRows: 2 });
    const before = requestsTo("/result/chunks/1").length;
    const { rows, truncated } = await client().execute(SEVEN_ROWS, {}, { maxBytes: 100 });
    expect(rows.map((row) => row.x)).toEqual([0, 1]);
    expect(truncated).toBe(true);
    expect(requestsTo("/result/chunks/1").length).toBe(before);
    expect(lastStatement()?.request.byte_limit).toBe(100);
  });

  it("sends values only as named parameters, never in the SQL text", async () => {
    const fromMs = NOW - 3_600_000;
    const sql = `SELECT count(*) AS n FROM IDENTIFIER(:table)
      WHERE time >= :from AND severity_text = :severity AND attributes IS NOT NULL AND :min_count <= 1`;
    const params = {
      table: sqlParam.table(LOGS_TABLE),
      from: sqlParam.timestamp(fromMs),
      severity: "ERROR",
      min_count: 1,
    };
    const { rows } = await client().execute(sql, params);
    expect(rows[0]?.n).toEqual(expect.any(Number));
    const received = lastStatement()?.request;
    expect(received?.statement).toBe(sql);
    for (const value of [LOGS_TABLE, "serving_telemetry", new Date(fromMs).toISOString(), "ERROR'", "2026-11-23"]) {
      expect(received?.statement).not.toContain(value);
    }
    expect(received?.parameters).toEqual([
      { name: "table", type: "STRING", value: LOGS_TABLE },
      { name: "from", type: "TIMESTAMP", value: "2026-11-23T11:20:30.000Z" },
      { name: "severity", type: "STRING", value: "ERROR" },
      { name: "min_count", type: "BIGINT", value: "1" },
    ]);
  });

  it("checks table names before sending anything, and accepts backquoted parts", async () => {
    const before = fakes.sqlWarehouse.received.length;
    const refused = await rejection(client().execute("SELECT * FROM IDENTIFIER(:table)", { table: "a; drop" }));
    expect(refused).toBeInstanceOf(TableNameError);
    expect(refused.message).toBe('invalid table name "a; drop": expected catalog.schema.table');
    expect(() => sqlParam.table("a; drop")).toThrow(TableNameError);
    expect(fakes.sqlWarehouse.received.length).toBe(before);
    const quoted = "`prod`.`serving_telemetry`.`recsys_features_otel_logs`";
    const { rows } = await client().execute("SELECT count(*) AS n FROM IDENTIFIER(:table)", {
      table: sqlParam.table(quoted),
    });
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it("surfaces FAILED (HTTP 200) with the warehouse's error", async () => {
    const error = await rejection(client().execute("SELEC 1"));
    expect(error).toBeInstanceOf(SqlStatementError);
    expect(error).toMatchObject({ reason: "FAILED", errorCode: "BAD_REQUEST" });
    expect(error.message).toMatch(
      /^SQL statement failed: \[PARSE_SYNTAX_ERROR\] Parser Error: syntax error at or near "SELEC" \(BAD_REQUEST, SQLSTATE 42601\)$/,
    );
    expect(lastStatement()?.states.at(-1)).toBe("FAILED");
  });

  it("surfaces CANCELED when someone else cancels the statement", async () => {
    fakes.sqlWarehouse.configure({ pollsBeforeResult: Infinity });
    const count = fakes.sqlWarehouse.received.length;
    const pending = rejection(client().execute("SELECT 1 AS one", {}, { deadlineMs: 20_000 }));
    const statementId = await nextStatementId(count);
    await fetch(`${fakes.databricks.url}/api/2.0/sql/statements/${statementId}/cancel`, {
      method: "POST",
      headers: { Authorization: `Bearer ${fakes.databricks.token}` },
    });
    const error = await pending;
    expect(error).toMatchObject({ reason: "CANCELED", message: "SQL statement was cancelled on the warehouse" });
  });

  it("surfaces CLOSED", async () => {
    fakes.sqlWarehouse.configure({ pollsBeforeResult: Infinity });
    const count = fakes.sqlWarehouse.received.length;
    const pending = rejection(client().execute("SELECT 1 AS one", {}, { deadlineMs: 20_000 }));
    fakes.sqlWarehouse.close(await nextStatementId(count));
    expect(await pending).toMatchObject({
      reason: "CLOSED",
      message: "SQL statement was closed before its result was read",
    });
  });

  it("cancels the statement when the deadline passes", async () => {
    fakes.sqlWarehouse.configure({ pollsBeforeResult: Infinity });
    const error = await rejection(client().execute("SELECT 1 AS one", {}, { deadlineMs: 1500 }));
    expect(error).toMatchObject({
      reason: "DEADLINE",
      message: "SQL statement did not finish within 1.5 s; it was cancelled",
    });
    const statement = lastStatement();
    expect(statement?.request.wait_timeout).toBe("0s");
    expect(requestsTo(`/${statement?.statementId}/cancel`)).toHaveLength(1);
    const status = await fetch(`${fakes.databricks.url}/api/2.0/sql/statements/${statement?.statementId}`, {
      headers: { Authorization: `Bearer ${fakes.databricks.token}` },
    });
    expect(((await status.json()) as { status: { state: string } }).status.state).toBe("CANCELED");
  });

  it("cancels the statement when the caller aborts", async () => {
    fakes.sqlWarehouse.configure({ pollsBeforeResult: Infinity });
    const controller = new AbortController();
    const count = fakes.sqlWarehouse.received.length;
    const pending = rejection(client().execute("SELECT 1 AS one", {}, { signal: controller.signal }));
    const statementId = await nextStatementId(count);
    // Abort once the client is polling, i.e. holds the id: an abort during the submit itself has nothing to cancel.
    await waitFor(() => requestsTo(`/statements/${statementId}`).length > 0);
    controller.abort();
    expect(await pending).toMatchObject({ reason: "ABORTED", message: "SQL statement was cancelled" });
    expect(requestsTo(`/${statementId}/cancel`)).toHaveLength(1);
  });

  it("answers 401 in the warehouse's words", async () => {
    const error = await rejection(client({ token: "dapi-wrong" }).execute("SELECT 1 AS one"));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 401 });
    expect(error.message).toBe(
      `HTTP 401 from ${new URL(fakes.databricks.url).host}: UNAUTHENTICATED: Invalid access token.`,
    );
  });

  it("waits out a 429 with Retry-After, then succeeds", async () => {
    fakes.setFault("databricks", { kind: "rate-limit", retryAfter: "1", times: 1 });
    const { rows } = await client().execute("SELECT 1 AS one");
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("fails at once on a 429 whose Retry-After is past the bound", async () => {
    fakes.setFault("databricks", { kind: "rate-limit", retryAfter: "120" });
    const error = await rejection(client().execute("SELECT 1 AS one"));
    expect(error).toMatchObject({ status: 429 });
    expect(error.message).toMatch(
      /: REQUEST_LIMIT_EXCEEDED: Too many requests\. Please retry later\.; retry after .+ \(in 120 s\)$/,
    );
  });

  it("retries a 503 and reports a lasting 500", async () => {
    fakes.setFault("databricks", { kind: "status", status: 503, times: 1 });
    expect((await client().execute("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    fakes.setFault("databricks", { kind: "status", status: 500 });
    const error = await rejection(client().execute("SELECT 1 AS one"));
    expect(error).toMatchObject({ status: 500 });
    expect(error.message).toMatch(/: INTERNAL_ERROR: Internal error\. Please try again later\.$/);
  });
});
