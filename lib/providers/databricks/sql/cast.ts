import "server-only";
/**
 * Turns the strings of a JSON_ARRAY result into typed values, by the manifest's `type_name`.
 * Pure: no I/O. Times become ms since the epoch; a zone-less time is read as UTC.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** LONG beyond 2^53 is a bigint; BINARY is bytes; ARRAY, MAP, STRUCT and VARIANT are parsed JSON. */
export type SqlValue = JsonValue | bigint | Uint8Array;

export class SqlCastError extends Error {
  override name = "SqlCastError";
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOATS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, "-Infinity": -Infinity };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fail(raw: string, typeName: string): never {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new SqlCastError(`not a ${typeName} value: ${JSON.stringify(shown)}`);
}

/** Date.UTC of the parts, or null when a part is out of range (Date.UTC would roll "02-30" over). */
function utcMs(parts: number[]): number | null {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute;
  return same && second < 60 ? ms : null;
}

function offsetMs(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** ISO-8601 (`2026-11-23T12:00:00.123456Z`, offset optional) → ms since the epoch; sub-ms digits dropped. */
export function parseSqlTimestampMs(raw: string, typeName = "TIMESTAMP"): number {
  const match = TIMESTAMP.exec(raw);
  if (!match) fail(raw, typeName);
  const ms = utcMs(match.slice(1, 7).map(Number));
  if (ms === null) fail(raw, typeName);
  const fraction = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  return ms + fraction - offsetMs(match[8]);
}

function parseInteger(raw: string, typeName: string): number | bigint {
  if (!INTEGER.test(raw)) fail(raw, typeName);
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : BigInt(raw);
}

function parseJson(raw: string, typeName: string): JsonValue {
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return fail(raw, typeName);
  }
}

function parseFloating(raw: string, typeName: string): number {
  return SPECIAL_FLOATS[raw] ?? (FLOAT.test(raw) ? Number(raw) : fail(raw, typeName));
}

const CASTS: Record<string, (raw: string, typeName: string) => SqlValue> = {
  BYTE: parseInteger,
  SHORT: parseInteger,
  INT: parseInteger,
  LONG: parseInteger,
  BIGINT: parseInteger,
  FLOAT: parseFloating,
  DOUBLE: parseFloating,
  DECIMAL: (raw, typeName) => (DECIMAL.test(raw) ? Number(raw) : fail(raw, typeName)),
  BOOLEAN: (raw, typeName) => (raw === "true" ? true : raw === "false" ? false : fail(raw, typeName)),
  DATE: (raw, typeName) => {
    const match = DATE.exec(raw);
    return (match && utcMs(match.slice(1, 4).map(Number))) ?? fail(raw, typeName);
  },
  TIMESTAMP: parseSqlTimestampMs,
  TIMESTAMP_NTZ: parseSqlTimestampMs,
  BINARY: (raw, typeName) => (BASE64.test(raw) ? new Uint8Array(Buffer.from(raw, "base64")) : fail(raw, typeName)),
  ARRAY: parseJson,
  MAP: parseJson,
  STRUCT: parseJson,
  VARIANT: parseJson,
  NULL: () => null,
};

/**
 * One value of a column of type `typeName`. STRING, CHAR, INTERVAL and types this module does not
 * know stay as the string Databricks sent. Throws SqlCastError for a value that is not of its type.
 */
export function castSqlValue(typeName: string, raw: string | null): SqlValue {
  if (raw === null) return null;
  const cast = CASTS[typeName];
  return cast ? cast(raw, typeName) : raw;
}
