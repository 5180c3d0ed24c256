import { describe, expect, it } from "vitest";
import { toDuckDbStatement, WarehouseSqlError } from "./sql-dialect";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
const translate = (sql: string, parameters: Array<{ name: string; value?: string; type?: string }> = []) =>
  toDuckDbStatement(sql, parameters, NOW);

describe("toDuckDbStatement", () => {
  it("turns typed markers into casts of bound values, and binds only the markers used", () => {
    const statement = translate("SELECT * FROM t WHERE time >= :from AND n = :n AND s = :s", [
      { name: "from", value: "2026-11-23T12:00:00.000Z", type: "TIMESTAMP" },
      { name: "n", value: "7", type: "BIGINT" },
      { name: "s" },
      { name: "unused", value: "x" },
    ]);
    expect(statement).toEqual({
      sql: "SELECT * FROM t WHERE time >= CAST($from AS TIMESTAMPTZ) AND n = CAST($n AS BIGINT) AND s = CAST($s AS VARCHAR)",
      values: { from: "2026-11-23T12:00:00.000Z", n: "7", s: null },
    });
  });

  it("leaves casts, strings, comments and variant paths alone", () => {
    const sql = "SELECT a::int, ':x' AS s, body:field -- :y\n/* :z */ FROM t";
    expect(translate(sql).sql).toBe("SELECT a::int, ':x' AS s, body:field -- :y\n/* :z */ FROM t");
  });

  it("rewrites the system catalog, backquotes, double-quoted strings and escapes", () => {
    const sql = "SELECT `my col`, \"it\\'s\", 'a\\nb' FROM system.serving.endpoint_usage JOIN `system`.serving.x";
    expect(translate(sql).sql).toBe(
      `SELECT "my col", 'it''s', 'a\nb' FROM sim_system.serving.endpoint_usage JOIN "sim_system".serving.x`,
    );
  });

  it("puts the checked table name in place of IDENTIFIER(:name)", () => {
    const statement = translate("SELECT count(*) FROM IDENTIFIER( :table ) WHERE x = :x", [
      { name: "table", value: "system.`serving`.endpoint_usage" },
      { name: "x", value: "1", type: "INT" },
    ]);
    expect(statement.sql).toBe(
      'SELECT count(*) FROM "sim_system"."serving"."endpoint_usage" WHERE x = CAST($x AS INTEGER)',
    );
    expect(statement.values).toEqual({ x: "1" });
  });

  it("answers the clock functions with the fake's time", () => {
    expect(translate("SELECT current_timestamp(), now(), CURRENT_DATE, now_x FROM t").sql).toBe(
      "SELECT CAST('2026-11-23T12:20:30.000Z' AS TIMESTAMPTZ), CAST('2026-11-23T12:20:30.000Z' AS TIMESTAMPTZ), " +
        "CAST('2026-11-23' AS DATE), now_x FROM t",
    );
  });

  it.each([
    ["SELECT :missing", [], "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: missing."],
    ["SELECT * FROM IDENTIFIER(:t)", [{ name: "t", value: "a; drop" }], /^\[INVALID_IDENTIFIER\] invalid table name/],
    [
      "SELECT :x",
      [{ name: "x", value: "1", type: "GEOGRAPHY" }],
      '[UNSUPPORTED_DATATYPE] Unsupported data type "GEOGRAPHY".',
    ],
    ["SELECT 'open", [], "[PARSE_SYNTAX_ERROR] Syntax error: unclosed quote."],
  ])("fails %j", (sql, parameters, message) => {
    expect(() => translate(sql, parameters)).toThrow(WarehouseSqlError);
    expect(() => translate(sql, parameters)).toThrow(message);
  });
});
