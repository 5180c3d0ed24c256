import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getLogs } from "@/app/api/endpoints/[id]/logs/route";
import { ApiErrorSchema, LogsResponseSchema, type LogRow, type LogsResponse } from "@/lib/api/schemas";
import { severityRank, type LogSeverity } from "@/lib/model/log-severity";
import { findDatabricksEndpoint } from "@/lib/simulation/databricks-catalog";
import { logsInMinute } from "@/lib/simulation/telemetry-logs";
import { MINUTE_MS } from "@/lib/simulation/traffic";
import { startServerHarness } from "@/test-support/server-harness";

/** The fake workspace's clock: 10 minutes into a 5xx incident of recsys-features. */
const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
const ANCHOR = Date.UTC(2026, 10, 23, 12, 10);
const RECSYS = "databricks.recsys-features";
const TABLE = "prod.serving_telemetry.recsys_features_otel_logs";

let harness: Awaited<ReturnType<typeof startServerHarness>>;
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function logs(id: string, query: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const response = await getLogs(new Request(`http://127.0.0.1/api/endpoints/${id}/logs?${search}`), params(id));
  return { status: response.status, json: (await response.json()) as unknown };
}

async function ok(id: string, query: Record<string, string | number>): Promise<LogsResponse> {
  const { status, json } = await logs(id, query);
  expect(status, JSON.stringify(json)).toBe(200);
  return LogsResponseSchema.parse(json);
}

/** Every page of a query, following nextBefore. */
async function allPages(id: string, query: Record<string, string | number>): Promise<LogsResponse[]> {
  const pages = [await ok(id, query)];
  while (pages.at(-1)!.nextBefore) pages.push(await ok(id, { ...query, before: pages.at(-1)!.nextBefore! }));
  return pages;
}

/** What the simulation wrote to the table in [fromMs, toMs]: the table holds the whole minutes before the fake's clock. */
function simulated(fromMs: number, toMs: number, min: LogSeverity, text?: string): string[] {
  const def = findDatabricksEndpoint("recsys-features")!;
  const rows: string[] = [];
  const endMs = Math.min(toMs, Math.floor(NOW / MINUTE_MS) * MINUTE_MS);
  for (let minute = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS; minute < endMs; minute += MINUTE_MS) {
    for (const record of logsInMinute(def, minute, { anchorMs: ANCHOR })) {
      const level = record.severityText;
      if (record.timeMs < fromMs || record.timeMs > toMs || severityRank(level) < severityRank(min)) continue;
      if (text !== undefined && !record.body.toLowerCase().includes(text.toLowerCase())) continue;
      rows.push(`${record.timeMs}|${level}|${record.body}`);
    }
  }
  return rows.sort();
}

const keyOf = (row: LogRow) => `${row.timeMs}|${row.severity}|${row.body}`;
const newestFirst = (rows: LogRow[]) => rows.every((row, i) => i === 0 || rows[i - 1]!.timeMs >= row.timeMs);

describe("GET /api/endpoints/{id}/logs with a SQL warehouse", () => {
  beforeAll(async () => {
    harness = await startServerHarness((fakes) => ({ DATABRICKS_WAREHOUSE_ID: fakes.sqlWarehouse.id }), {
      now: NOW,
      anchorMs: ANCHOR,
    });
  });
  afterAll(() => harness?.close());

  const from = NOW - 15 * MINUTE_MS;

  it("reads the endpoint's telemetry table: ERROR and up by default, newest first, as the simulation wrote them", async () => {
    const pages = await allPages(RECSYS, { from, to: NOW, limit: 200 });
    const rows = pages.flatMap((page) => page.logs);
    expect(pages[0]!.source).toEqual({ kind: "table", label: TABLE });
    expect(rows.length).toBeGreaterThan(300);
    expect(rows.map(keyOf).sort()).toEqual(simulated(from, NOW, "ERROR"));
    expect(newestFirst(rows)).toBe(true);
    const error = rows[0]!;
    expect(error.body).toContain("TimeoutError");
    expect(error.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(error.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(error.attributes).toMatchObject({ "exception.type": "TimeoutError", "http.status_code": "503" });
  });

  it.each(["WARN", "INFO"] as const)("severity=%s shows that level and every one above it", async (severity) => {
    const start = NOW - 12 * MINUTE_MS;
    const rows = (await allPages(RECSYS, { from: start, to: NOW, severity, limit: 500 })).flatMap((page) => page.logs);
    expect(rows.map(keyOf).sort()).toEqual(simulated(start, NOW, severity));
    expect(new Set(rows.map((row) => row.severity))).toEqual(
      new Set(severity === "INFO" ? ["INFO", "WARN", "ERROR"] : ["WARN", "ERROR"]),
    );
  });

  it("searches the body case-insensitively, with % and _ as plain characters", async () => {
    const search = async (q: string) =>
      (await allPages(RECSYS, { from, to: NOW, severity: "INFO", q, limit: 500 })).flatMap((page) => page.logs);
    const minutes = simulated(from, NOW, "INFO", "error_rate=");
    expect(minutes.length).toBeGreaterThanOrEqual(14);
    expect((await search("ERROR_RATE=")).map(keyOf).sort()).toEqual(minutes);
    expect((await search("%)")).map(keyOf).sort()).toEqual(minutes);
    // As LIKE patterns these would match every INFO row ("%" any run, "_" any character).
    expect(await search("error%rate")).toEqual([]);
    expect(await search("e_ror")).toEqual([]);
  });

  it("pages with limit and nextBefore: no row twice, none left out", async () => {
    const pages = await allPages(RECSYS, { from, to: NOW, limit: 64 });
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages.slice(0, -1)) {
      expect(page.logs).toHaveLength(64);
      expect(page.truncated).toBe(true);
    }
    expect(pages.at(-1)!.truncated).toBe(false);
    expect(pages.at(-1)!.nextBefore).toBeUndefined();
    const rows = pages.flatMap((page) => page.logs);
    expect(new Set(rows.map((row) => `${row.timeMs}|${row.traceId}`)).size).toBe(rows.length);
    expect(rows.map(keyOf).sort()).toEqual(simulated(from, NOW, "ERROR"));
    expect(newestFirst(rows)).toBe(true);
  });

  it("sends every value as a named parameter: the statement text holds none of them", async () => {
    const q = "Feature store %_ lookup";
    const first = await ok(RECSYS, { from, to: NOW, severity: "WARN", limit: 5 });
    await ok(RECSYS, { from, to: NOW, severity: "WARN", q, limit: 5, before: first.nextBefore! });
    const statements = harness.fakes.sqlWarehouse.received.filter((s) =>
      s.request.statement.includes("IDENTIFIER(:table)"),
    );
    expect(statements.length).toBeGreaterThan(1);
    const last = statements.at(-1)!.request;
    const values = (last.parameters ?? []).map((p) => p.value ?? "");
    expect(values).toEqual(
      expect.arrayContaining([
        TABLE,
        new Date(from).toISOString(),
        new Date(NOW).toISOString(),
        "%feature store !%!_ lookup%",
      ]),
    );
    const beforeId = last.parameters?.find((p) => p.name === "before_id")?.value;
    expect(beforeId).toMatch(/^[0-9a-f]{32}$/);
    for (const { request } of statements) {
      for (const value of [
        TABLE,
        "serving_telemetry",
        new Date(from).toISOString(),
        q.toLowerCase(),
        "feature store",
        beforeId!,
      ]) {
        expect(request.statement).not.toContain(value);
      }
    }
  });

  it.each([
    [{ from: NOW, to: NOW - 1 }, `"from" (${NOW}) must be before "to" (${NOW - 1})`],
    [{ from: NOW - 100 * 86_400_000, to: NOW }, "range of 100 days exceeds the maximum of 90 days"],
    [{ from: "yesterday" }, 'parameter "from": must be a whole number of milliseconds, in decimal digits'],
    [{ limit: 0 }, 'parameter "limit": must be at least 1'],
    [{ limit: 501 }, 'parameter "limit": must be at most 500'],
    [
      { severity: "LOUD" },
      'parameter "severity": Invalid option: expected one of "TRACE"|"DEBUG"|"INFO"|"WARN"|"ERROR"|"FATAL"',
    ],
    [{ q: "x".repeat(201) }, 'parameter "q": Too big: expected string to have <=200 characters'],
    [{ before: "not-a-cursor" }, 'parameter "before": must be the "nextBefore" of an earlier answer'],
    [{ page: 2 }, 'unknown parameter "page"'],
  ])("answers 400 for %j", async (query, message) => {
    const { status, json } = await logs(RECSYS, query);
    expect(status).toBe(400);
    expect(ApiErrorSchema.parse(json).error).toEqual({ code: "bad_parameter", message });
  });

  it("answers 404 for an unknown endpoint", async () => {
    const { status, json } = await logs("databricks.nowhere", {});
    expect(status).toBe(404);
    expect(ApiErrorSchema.parse(json).error.code).toBe("unknown_endpoint");
  });

  it("reads a custom model's service logs when the endpoint has no telemetry table", async () => {
    const start = NOW - 30 * MINUTE_MS;
    const errors = await ok("databricks.fraud-scorer", { from: start, to: NOW });
    expect(errors.source).toEqual({ kind: "service", label: "service logs of fraud-scorer-3" });
    expect(errors.logs.length).toBeGreaterThan(0);
    for (const row of errors.logs) {
      expect(row.severity).toBe("ERROR");
      expect(row.body).toMatch(/^model_server: Exception on \/invocations \[POST\]/);
      expect(row.body).toContain('\n  File "/model/code/predict.py", line 41, in predict\n');
      expect(row.timeMs).toBeGreaterThanOrEqual(start);
      expect(row.attributes).toMatchObject({ served_model: "fraud-scorer-3" });
    }
    const all = await ok("databricks.fraud-scorer", { from: start, to: NOW, severity: "INFO", limit: 500 });
    expect(new Set(all.logs.map((row) => row.severity))).toEqual(new Set(["INFO", "WARN", "ERROR"]));
    expect(all.warnings?.[0]).toContain("recent output");
    expect(newestFirst(all.logs)).toBe(true);
  });

  it.each([
    ["databricks.openai-proxy", "enable endpoint telemetry"],
    ["databricks.databricks-meta-llama-3-3-70b-instruct", "pay-per-token endpoints keep no logs"],
    ["huggingface.sentiment-prod", "Hugging Face endpoints have none here"],
  ])("%s has no logs source: 200 with what to configure", async (id, reason) => {
    const body = await ok(id, {});
    expect(body).toMatchObject({ source: null, logs: [], truncated: false });
    expect(body.notConfigured).toContain(reason);
  });
});

describe("GET /api/endpoints/{id}/logs without a SQL warehouse", () => {
  beforeAll(async () => {
    harness = await startServerHarness({}, { now: NOW, anchorMs: ANCHOR });
  });
  afterAll(() => harness?.close());

  it("says to configure the warehouse for a telemetry table, and sends no statement", async () => {
    const body = await ok(RECSYS, {});
    expect(body.source).toBeNull();
    expect(body.notConfigured).toBe(
      `set DATABRICKS_WAREHOUSE_ID (or the source's warehouseId) to read this endpoint's telemetry table ${TABLE}`,
    );
    expect(harness.fakes.sqlWarehouse.received).toEqual([]);
  });

  it("still reads service logs, which need no warehouse", async () => {
    expect((await ok("databricks.fraud-scorer", { from: NOW - 30 * MINUTE_MS, to: NOW })).source?.kind).toBe("service");
  });
});
