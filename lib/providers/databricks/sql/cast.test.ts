import { describe, expect, it } from "vitest";
import { castSqlValue, parseSqlTimestampMs, SqlCastError } from "./cast";

const MS = Date.UTC(2026, 10, 23, 12, 0, 0, 123);

describe("castSqlValue", () => {
  it.each([
    ["STRING", "a:b", "a:b"],
    ["CHAR", "x", "x"],
    ["BYTE", "-7", -7],
    ["SHORT", "300", 300],
    ["INT", "+42", 42],
    ["LONG", "1795436400000", 1795436400000],
    ["BIGINT", "-9007199254740991", -9007199254740991],
    ["LONG", "9007199254740993", 9007199254740993n],
    ["FLOAT", "1.5", 1.5],
    ["DOUBLE", "-2.5e-3", -0.0025],
    ["DOUBLE", "Infinity", Infinity],
    ["DOUBLE", "-Infinity", -Infinity],
    ["DECIMAL", "12.345", 12.345],
    ["DECIMAL", "-0.5", -0.5],
    ["BOOLEAN", "true", true],
    ["BOOLEAN", "false", false],
    ["DATE", "2026-11-23", Date.UTC(2026, 10, 23)],
    ["TIMESTAMP", "2026-11-23T12:00:00.123Z", MS],
    ["TIMESTAMP", "2026-11-23T12:00:00.123456789Z", MS],
    ["TIMESTAMP", "2026-11-23T13:30:00.123+01:30", MS],
    ["TIMESTAMP", "2026-11-23 12:00:00.123", MS],
    ["TIMESTAMP_NTZ", "2026-11-23T12:00:00.123", MS],
    ["TIMESTAMP_NTZ", "2026-11-23T12:00:00", MS - 123],
    ["ARRAY", '["a","b"]', ["a", "b"]],
    ["MAP", '{"k":"v"}', { k: "v" }],
    ["STRUCT", '{"x":1,"y":null}', { x: 1, y: null }],
    ["VARIANT", '"Inference failed"', "Inference failed"],
    ["INTERVAL", "0 01:30:00.000000", "0 01:30:00.000000"],
    ["NULL", "anything", null],
    ["USER_DEFINED_TYPE", "raw", "raw"],
  ])("%s %j", (typeName, raw, expected) => {
    expect(castSqlValue(typeName, raw)).toEqual(expected);
  });

  it("reads NaN", () => {
    expect(castSqlValue("DOUBLE", "NaN")).toBeNaN();
  });

  it("reads BINARY as base64 bytes", () => {
    expect(castSqlValue("BINARY", "AQL/")).toEqual(new Uint8Array([1, 2, 255]));
  });

  it("keeps null as null for every type", () => {
    for (const type of ["STRING", "LONG", "TIMESTAMP", "BOOLEAN", "ARRAY", "BINARY"]) {
      expect(castSqlValue(type, null)).toBeNull();
    }
  });

  it.each([
    ["INT", "1.5", 'not a INT value: "1.5"'],
    ["LONG", "0x10", 'not a LONG value: "0x10"'],
    ["LONG", "", 'not a LONG value: ""'],
    ["DOUBLE", "1z", 'not a DOUBLE value: "1z"'],
    ["DECIMAL", "1e5", 'not a DECIMAL value: "1e5"'],
    ["BOOLEAN", "TRUE", 'not a BOOLEAN value: "TRUE"'],
    ["DATE", "2026-02-30", 'not a DATE value: "2026-02-30"'],
    ["TIMESTAMP", "2026-11-23T25:00:00Z", 'not a TIMESTAMP value: "2026-11-23T25:00:00Z"'],
    ["TIMESTAMP", "yesterday", 'not a TIMESTAMP value: "yesterday"'],
    ["BINARY", "not base64!", 'not a BINARY value: "not base64!"'],
    ["STRUCT", "{x:1}", 'not a STRUCT value: "{x:1}"'],
  ])("refuses %s %j", (typeName, raw, message) => {
    expect(() => castSqlValue(typeName, raw)).toThrow(new SqlCastError(message));
  });
});

describe("parseSqlTimestampMs", () => {
  it("reads offsets without a colon and shortens long values in its message", () => {
    expect(parseSqlTimestampMs("2026-11-23T07:00:00.123-0500")).toBe(MS);
    expect(() => parseSqlTimestampMs("x".repeat(100))).toThrow(`not a TIMESTAMP value: "${"x".repeat(40)}…"`);
  });
});
