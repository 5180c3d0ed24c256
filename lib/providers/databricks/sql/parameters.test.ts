import { describe, expect, it } from "vitest";
import { sqlParam, SqlParameterError, toStatementParameters } from "./parameters";
import { parseTableName, TableNameError } from "./table-name";

describe("parseTableName", () => {
  it.each([
    ["prod.serving_telemetry.recsys_otel_logs", ["prod", "serving_telemetry", "recsys_otel_logs"]],
    ["prod.`my-schema`.`table.with.dots`", ["prod", "my-schema", "table.with.dots"]],
    ["`system`.serving.endpoint_usage", ["system", "serving", "endpoint_usage"]],
  ])("accepts %s", (text, parts) => {
    expect(parseTableName(text).parts).toEqual(parts);
  });

  it("quotes only the parts that need it", () => {
    expect(parseTableName("`prod`.`my-schema`.logs").sql).toBe("prod.`my-schema`.logs");
  });

  it.each([
    ["a; drop", 'invalid table name "a; drop": expected catalog.schema.table'],
    ["a.b", 'invalid table name "a.b": expected catalog.schema.table'],
    ["a.b.c.d", 'invalid table name "a.b.c.d": expected catalog.schema.table'],
    [
      "a.b.c; DROP TABLE x",
      'invalid table name "a.b.c; DROP TABLE x": table must be a letter or underscore followed by letters, digits or underscores, or be backquoted',
    ],
    [
      "a.1b.c",
      'invalid table name "a.1b.c": schema must be a letter or underscore followed by letters, digits or underscores, or be backquoted',
    ],
    [
      "a.b.`c`` --`",
      'invalid table name "a.b.`c`` --`": table must be a letter or underscore followed by letters, digits or underscores, or be backquoted',
    ],
    [
      "a.b.`line\nbreak`",
      'invalid table name "a.b.`line\\nbreak`": table must be a letter or underscore followed by letters, digits or underscores, or be backquoted',
    ],
    [
      "``.b.c",
      'invalid table name "``.b.c": catalog must be a letter or underscore followed by letters, digits or underscores, or be backquoted',
    ],
  ])("refuses %j", (text, message) => {
    expect(() => parseTableName(text)).toThrow(new TableNameError(message));
  });
});

describe("toStatementParameters", () => {
  const sql =
    "SELECT * FROM IDENTIFIER(:t) WHERE a = :s AND b = :n AND c = :x AND d = :flag AND e = :none AND f::int = :at";

  it("types each value and leaves NULL without a value", () => {
    const params = toStatementParameters(sql, {
      t: sqlParam.table("prod.`my-schema`.logs"),
      s: "it's",
      n: 42,
      x: 0.5,
      flag: true,
      none: null,
      at: sqlParam.timestamp(Date.UTC(2026, 10, 23, 12)),
    });
    expect(params).toEqual([
      { name: "t", type: "STRING", value: "prod.`my-schema`.logs" },
      { name: "s", type: "STRING", value: "it's" },
      { name: "n", type: "BIGINT", value: "42" },
      { name: "x", type: "DOUBLE", value: "0.5" },
      { name: "flag", type: "BOOLEAN", value: "true" },
      { name: "none", type: "STRING" },
      { name: "at", type: "TIMESTAMP", value: "2026-11-23T12:00:00.000Z" },
    ]);
  });

  it.each([
    [{ "a b": 1 }, 'invalid parameter name "a b"'],
    [{ missing: 1 }, "parameter :missing does not appear in the statement"],
    [{ s: Number.NaN }, "parameter :s is not a finite number"],
    [{ s: { type: "STRING); DROP", value: "x" } }, "parameter :s has an invalid type STRING); DROP"],
  ])("refuses %j", (params, message) => {
    expect(() => toStatementParameters(sql, params)).toThrow(new SqlParameterError(message));
  });

  it("checks the value of every IDENTIFIER(:name) as a table name, however it is passed", () => {
    const query = "SELECT * FROM identifier( :t )";
    expect(toStatementParameters(query, { t: "prod.s.`my-table`" })).toEqual([
      { name: "t", type: "STRING", value: "prod.s.`my-table`" },
    ]);
    expect(() => toStatementParameters(query, { t: "a; drop" })).toThrow(TableNameError);
    expect(() => toStatementParameters(query, { t: { type: "STRING", value: "x.y.z;--" } })).toThrow(TableNameError);
    expect(() => toStatementParameters(query, { t: 3 })).toThrow("parameter :t names a table: give it a string");
  });

  it("does not take a cast or a longer name for the marker", () => {
    expect(() => toStatementParameters("SELECT x::int, :nn", { n: 1 })).toThrow("parameter :n does not appear");
  });
});
