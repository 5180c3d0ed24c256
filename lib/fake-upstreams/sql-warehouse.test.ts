import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DatabricksEndpointSchema } from "@/lib/providers/databricks/api-types";
import { createStatementClient, sqlParam } from "@/lib/providers/databricks/sql";
import { findDatabricksEndpoint } from "@/lib/simulation/databricks-catalog";
import { listUsageEndpoints, usageInMinute } from "@/lib/simulation/serving-usage";
import { errorLogsInMinute } from "@/lib/simulation/telemetry-logs";
import { isIncident, MINUTE_MS } from "@/lib/simulation/traffic";
import { startFakeUpstreams, type FakeUpstreams } from "./start";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
const NOW_MINUTE = Math.floor(NOW / MINUTE_MS) * MINUTE_MS;
const LOGS_TABLE = "prod.serving_telemetry.recsys_features_otel_logs";
let clock = NOW;
let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams({ now: () => clock });
});
afterAll(() => fakes.close());
beforeEach(() => fakes.sqlWarehouse.configure({ pollsBeforeResult: 0, chunkRows: 5_000 }));

const client = () =>
  createStatementClient({
    host: fakes.databricks.url,
    token: fakes.databricks.token,
    warehouseId: fakes.sqlWarehouse.id,
    poll: { initialMs: 5, maxMs: 20 },
  });

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${fakes.databricks.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${fakes.databricks.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

const get = (path: string) =>
  fetch(`${fakes.databricks.url}${path}`, { headers: { Authorization: `Bearer ${fakes.databricks.token}` } });

const submit = (statement: string, extra: Record<string, unknown> = {}) =>
  post("/api/2.0/sql/statements", { statement, warehouse_id: fakes.sqlWarehouse.id, wait_timeout: "0s", ...extra });

function minutesOf(fromMs: number, toMs: number): number[] {
  return Array.from({ length: (toMs - fromMs) / MINUTE_MS }, (_, i) => fromMs + i * MINUTE_MS);
}

describe("the fake SQL warehouse", () => {
  it("names the incident endpoint's logs table in its telemetry_config, and holds that table", async () => {
    const detail = DatabricksEndpointSchema.parse(
      await (await get("/api/2.0/serving-endpoints/recsys-features")).json(),
    );
    expect(detail.telemetry_config?.table_names?.logs_table).toBe(LOGS_TABLE);
    const other = DatabricksEndpointSchema.parse(await (await get("/api/2.0/serving-endpoints/fraud-scorer")).json());
    expect(other.telemetry_config).toBeUndefined();
    const { rows } = await client().execute("SELECT count(*) AS n FROM IDENTIFIER(:table)", {
      table: sqlParam.table(LOGS_TABLE),
    });
    expect(rows[0]?.n).toBeGreaterThan(1_000);
  });

  it("keeps the generated rows bounded", async () => {
    await client().execute("SELECT 1 AS one");
    const stats = fakes.sqlWarehouse.stats();
    expect(stats?.rows).toBeGreaterThan(50_000);
    expect(stats?.rows).toBeLessThan(150_000);
  });

  it("runs the app's usage query: requests, tokens and errors over a range are the simulation's", async () => {
    const [endpoint] = listUsageEndpoints();
    if (!endpoint) throw new Error("no pay-per-token endpoint in the catalog");
    const fromMs = NOW_MINUTE - 6 * 3_600_000;
    const toMs = NOW_MINUTE - 3_600_000;
    const sql = `SELECT count(*) AS requests, sum(u.input_token_count) AS input_tokens,
        sum(u.output_token_count) AS output_tokens, count_if(u.status_code >= 400) AS errors
      FROM system.serving.endpoint_usage AS u
      JOIN system.serving.served_entities AS e ON u.served_entity_id = e.served_entity_id
      WHERE e.endpoint_name = :endpoint AND u.request_time >= :from AND u.request_time < :to`;
    const { rows } = await client().execute(sql, {
      endpoint: endpoint.name,
      from: sqlParam.timestamp(fromMs),
      to: sqlParam.timestamp(toMs),
    });
    const simulated = minutesOf(fromMs, toMs).flatMap((minuteMs) => usageInMinute(endpoint, minuteMs));
    const sum = (pick: (row: (typeof simulated)[number]) => number) => simulated.reduce((s, row) => s + pick(row), 0);
    expect(simulated.length).toBeGreaterThan(500);
    expect(rows).toEqual([
      {
        requests: simulated.length,
        input_tokens: sum((row) => row.inputTokenCount),
        output_tokens: sum((row) => row.outputTokenCount),
        errors: simulated.filter((row) => row.statusCode >= 400).length,
      },
    ]);
  });

  it("runs the app's per-minute logs query: ERROR counts are the simulation's, the incident stands out", async () => {
    const def = findDatabricksEndpoint("recsys-features");
    if (!def) throw new Error("recsys-features is not in the catalog");
    const fromMs = NOW_MINUTE - 30 * MINUTE_MS;
    const sql = `SELECT unix_millis(date_trunc('MINUTE', time)) AS minute_ms, count(*) AS errors
      FROM IDENTIFIER(:table) WHERE severity_text = 'ERROR' AND time >= :from AND time < :to GROUP BY 1 ORDER BY 1`;
    const { rows } = await client().execute(sql, {
      table: sqlParam.table(LOGS_TABLE),
      from: sqlParam.timestamp(fromMs),
      to: sqlParam.timestamp(NOW_MINUTE),
    });
    const expected = minutesOf(fromMs, NOW_MINUTE)
      .map((minuteMs) => ({ minute_ms: minuteMs, errors: errorLogsInMinute(def, minuteMs, fakes.simulation) }))
      .filter((row) => row.errors > 0);
    expect(rows).toEqual(expected);
    const incident = expected.filter((row) => isIncident(row.minute_ms, fakes.simulation.anchorMs));
    const quiet = expected.filter((row) => !isIncident(row.minute_ms, fakes.simulation.anchorMs));
    expect(incident.length).toBe(5);
    expect(Math.min(...incident.map((row) => row.errors))).toBeGreaterThan(
      10 * Math.max(0, ...quiet.map((row) => row.errors)),
    );
  });

  it("adds the minutes that pass on its clock", async () => {
    const count = async () => {
      const sql = "SELECT count(*) AS n FROM IDENTIFIER(:table) WHERE severity_text = 'INFO' AND time >= :from";
      const { rows } = await client().execute(sql, {
        table: sqlParam.table(LOGS_TABLE),
        from: sqlParam.timestamp(NOW_MINUTE - 10 * MINUTE_MS),
      });
      return rows[0]?.n;
    };
    expect(await count()).toBe(10);
    clock = NOW + 3 * MINUTE_MS;
    try {
      expect(await count()).toBe(13);
    } finally {
      clock = NOW;
    }
  });

  it("answers a failed statement with HTTP 200, status FAILED and the error", async () => {
    for (const [statement, errorClass] of [
      ["SELEC 1", "[PARSE_SYNTAX_ERROR]"],
      ["SELECT * FROM prod.serving_telemetry.nope", "[TABLE_OR_VIEW_NOT_FOUND]"],
      ["SELECT no_such_column FROM system.serving.served_entities", "[UNRESOLVED_COLUMN]"],
      ["SELECT 1; SELECT 2", "[PARSE_SYNTAX_ERROR]"],
      ["DROP TABLE system.serving.served_entities", "[NOT_SUPPORTED_COMMAND]"],
      ["SELECT :unbound", "[UNBOUND_SQL_PARAMETER]"],
    ]) {
      const response = await submit(statement ?? "");
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        status: { state: string; error: { error_code: string; message: string } };
      };
      expect(body.status.state).toBe("FAILED");
      expect(body.status.error.error_code).toBe("BAD_REQUEST");
      expect(body.status.error.message.startsWith(errorClass ?? "")).toBe(true);
    }
    const { rows } = await client().execute("SELECT count(*) AS n FROM system.serving.served_entities");
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it("refuses what it does not serve with 4xx in Databricks' error shape", async () => {
    const wrongWarehouse = await post("/api/2.0/sql/statements", {
      statement: "SELECT 1",
      warehouse_id: "nope",
      wait_timeout: "0s",
    });
    expect(wrongWarehouse.status).toBe(404);
    expect(await wrongWarehouse.json()).toEqual({
      error_code: "RESOURCE_DOES_NOT_EXIST",
      message: "Warehouse nope does not exist.",
    });
    const arrow = await submit("SELECT 1", { format: "ARROW_STREAM" });
    expect(arrow.status).toBe(400);
    expect(await arrow.json()).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
    expect((await submit("SELECT 1", { wait_timeout: "3s" })).status).toBe(400);
    expect((await get("/api/2.0/sql/statements/unknown-id")).status).toBe(404);
    expect(await (await get("/api/2.0/sql/statements")).json()).toEqual({
      error_code: "ENDPOINT_NOT_FOUND",
      message: "No API found for 'GET /api/2.0/sql/statements'",
    });
  });

  it("describes a chunked result in the manifest and links each chunk to the next", async () => {
    fakes.sqlWarehouse.configure({ chunkRows: 2 });
    const response = await submit("SELECT CAST(x AS INT) AS x FROM range(5) AS r(x) ORDER BY x");
    const body = (await response.json()) as {
      statement_id: string;
      manifest: Record<string, unknown>;
      result: Record<string, unknown>;
    };
    expect(body.manifest).toMatchObject({
      format: "JSON_ARRAY",
      schema: { column_count: 1, columns: [{ name: "x", type_name: "INT", type_text: "INT", position: 0 }] },
      total_chunk_count: 3,
      chunks: [
        { chunk_index: 0, row_offset: 0, row_count: 2 },
        { chunk_index: 1, row_offset: 2, row_count: 2 },
        { chunk_index: 2, row_offset: 4, row_count: 1 },
      ],
      total_row_count: 5,
      truncated: false,
    });
    const link = `/api/2.0/sql/statements/${body.statement_id}/result/chunks/1`;
    expect(body.result).toEqual({
      chunk_index: 0,
      row_offset: 0,
      row_count: 2,
      data_array: [["0"], ["1"]],
      next_chunk_index: 1,
      next_chunk_internal_link: link,
    });
    const last = await (await get(`/api/2.0/sql/statements/${body.statement_id}/result/chunks/2`)).json();
    expect(last).toEqual({ chunk_index: 2, row_offset: 4, row_count: 1, data_array: [["4"]] });
  });
});

describe("a warmed fake SQL warehouse", () => {
  it("holds its rows before the first statement, so that statement waits for no load", async () => {
    const own = await startFakeUpstreams({ now: NOW });
    try {
      expect(own.sqlWarehouse.stats()).toBeNull();
      await own.sqlWarehouse.warm();
      const loaded = own.sqlWarehouse.stats();
      expect(own.sqlWarehouse.received).toEqual([]);
      expect(loaded?.rows).toBeGreaterThan(50_000);
      // Warming again at the same time loads nothing more.
      await own.sqlWarehouse.warm();
      expect(own.sqlWarehouse.stats()).toEqual(loaded);
    } finally {
      await own.close();
    }
  });
});
