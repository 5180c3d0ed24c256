import { describe, expect, it } from "vitest";
import { buildLogsStatement, toContainsPattern, toLogRecord } from "./otel-table";

describe("toContainsPattern", () => {
  it.each([
    ["Timeout", "%timeout%"],
    ["100%", "%100!%%"],
    ["error_rate", "%error!_rate%"],
    ["wow!", "%wow!!%"],
  ])("%j → %j", (text, pattern) => expect(toContainsPattern(text)).toBe(pattern));
});

describe("buildLogsStatement", () => {
  const query = {
    fromMs: 1000,
    toMs: 2000,
    minSeverity: "WARN" as const,
    text: "x",
    limit: 10,
    before: { t: 5, id: "r1" },
  };

  it("names every value as a parameter and asks for one row more than a page", () => {
    const { sql, params } = buildLogsStatement("main.ops.logs", query);
    expect(Object.keys(params).sort()).toEqual(
      ["before_id", "before_us", "body_pattern", "from_time", "min_rank", "row_limit", "table", "to_time"].sort(),
    );
    expect(params).toMatchObject({ min_rank: 4, row_limit: 11, before_us: 5, before_id: "r1", body_pattern: "%x%" });
    for (const name of Object.keys(params)) expect(sql).toContain(`:${name}`);
    expect(sql).not.toContain("main.ops.logs");
  });

  it("leaves out the search and the cursor when there are none", () => {
    const { sql, params } = buildLogsStatement("main.ops.logs", { ...query, text: null, before: null });
    expect(sql).not.toMatch(/body_pattern|before_/);
    expect(Object.keys(params)).not.toContain("body_pattern");
  });
});

describe("toLogRecord", () => {
  it("reads a string body as it is, a structured one as JSON, and flattens attributes", () => {
    const record = toLogRecord({
      record_id: "r9",
      time_us: 1_700_000_000_123_456,
      severity_text: "warning",
      body: { message: "slow", ms: 812 },
      trace_id: "",
      span_id: null,
      attributes: { "http.status_code": 503, nested: { a: 1 }, name: "x" },
    });
    expect(record).toEqual({
      id: "r9",
      timeUs: 1_700_000_000_123_456,
      timeMs: 1_700_000_000_123,
      severity: "WARN",
      body: '{"message":"slow","ms":812}',
      traceId: null,
      spanId: null,
      attributes: { "http.status_code": "503", nested: '{"a":1}', name: "x" },
    });
  });
});
