import { DuckDBTypeId, type DuckDBResultReader, type DuckDBType, type Json } from "@duckdb/node-api";
import type { ColumnInfo } from "@/lib/providers/databricks/sql/api-types";

/**
 * A DuckDB result as the Statement Execution API words it: Databricks type names in the manifest,
 * every non-null value a string (timestamps ISO-8601, binary base64, nested values JSON).
 */
export interface WireResult {
  columns: ColumnInfo[];
  rows: Array<Array<string | null>>;
}

type Format = (value: Json) => string;

const asString: Format = (value) =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
const asJson: Format = (value) => JSON.stringify(value);

/** "2026-11-23 12:00:00.123456+00" → "2026-11-23T12:00:00.123Z" (the session is in UTC). */
function isoTimestamp(zone: "Z" | ""): Format {
  return (value) => {
    const match = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:\+00)?$/.exec(String(value));
    if (!match) return String(value);
    return `${match[1]}T${match[2]}.${(match[3] ?? "").padEnd(3, "0").slice(0, 3)}${zone}`;
  };
}

/** DuckDB prints a blob with `\xNN` for each byte that is not printable ASCII. */
const base64Blob: Format = (value) => {
  const text = String(value);
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = /^\\x([0-9A-Fa-f]{2})/.exec(text.slice(i, i + 4));
    if (hex) {
      bytes.push(Number.parseInt(hex[1] ?? "0", 16));
      i += 3;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString("base64");
};

/** A nested value as Databricks writes it: JSON (VARIANT) fields parsed, maps as objects. */
function nested(type: DuckDBType, value: Json): Json {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.STRUCT: {
      const entries = value as Record<string, Json>;
      return Object.fromEntries(
        type.entryNames.map((name, i) => [name, nested(type.entryTypes[i] ?? type, entries[name] ?? null)]),
      );
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return (value as Json[]).map((item) => nested(type.valueType, item));
    case DuckDBTypeId.MAP: {
      const entries = value as Array<{ key: Json; value: Json }>;
      return Object.fromEntries(entries.map((entry) => [String(entry.key), nested(type.valueType, entry.value)]));
    }
    default:
      return type.alias === "JSON" && typeof value === "string" ? (JSON.parse(value) as Json) : value;
  }
}

const asNested =
  (type: DuckDBType): Format =>
  (value) =>
    JSON.stringify(nested(type, value));

/** Day-time as "D HH:MM:SS.ffffff", with "Y-M " before it when there are months. */
const interval: Format = (value) => {
  const { months = 0, days = 0, micros = "0" } = (value ?? {}) as { months?: number; days?: number; micros?: string };
  const totalMicros = BigInt(micros);
  const seconds = totalMicros / 1_000_000n;
  const clock = [seconds / 3600n, (seconds / 60n) % 60n, seconds % 60n].map((n) => String(n).padStart(2, "0"));
  const fraction = String(totalMicros % 1_000_000n).padStart(6, "0");
  const yearMonth = months ? `${Math.trunc(months / 12)}-${months % 12} ` : "";
  return `${yearMonth}${days} ${clock.join(":")}.${fraction}`;
};

function describe(type: DuckDBType): { typeName: string; typeText: string; format: Format; precision?: number } {
  const simple = (typeName: string, format: Format = asString) => ({ typeName, typeText: typeName, format });
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return simple("BOOLEAN");
    case DuckDBTypeId.TINYINT:
      return simple("BYTE");
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return simple("SHORT");
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return simple("INT");
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT: // sum(BIGINT): Databricks answers BIGINT
      return simple("LONG");
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return { typeName: "DECIMAL", typeText: "DECIMAL(38,0)", format: asString, precision: 38 };
    case DuckDBTypeId.FLOAT:
      return simple("FLOAT");
    case DuckDBTypeId.DOUBLE:
      return simple("DOUBLE");
    case DuckDBTypeId.DECIMAL:
      return { typeName: "DECIMAL", typeText: `DECIMAL(${type.width},${type.scale})`, format: asString };
    case DuckDBTypeId.DATE:
      return simple("DATE");
    case DuckDBTypeId.TIMESTAMP_TZ:
      return simple("TIMESTAMP", isoTimestamp("Z"));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return simple("TIMESTAMP_NTZ", isoTimestamp(""));
    case DuckDBTypeId.BLOB:
      return simple("BINARY", base64Blob);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { typeName: "ARRAY", typeText: type.toString(), format: asNested(type) };
    case DuckDBTypeId.MAP:
      return { typeName: "MAP", typeText: type.toString(), format: asNested(type) };
    case DuckDBTypeId.STRUCT:
      return { typeName: "STRUCT", typeText: type.toString(), format: asNested(type) };
    case DuckDBTypeId.VARIANT:
      return simple("VARIANT", asJson);
    case DuckDBTypeId.INTERVAL:
      return simple("INTERVAL", interval);
    case DuckDBTypeId.SQLNULL:
      return simple("NULL");
    default:
      return type.alias === "JSON" ? simple("VARIANT") : simple("STRING");
  }
}

export function toWireResult(reader: DuckDBResultReader): WireResult {
  const described = reader.columnTypes().map(describe);
  const columns = reader.columnNames().map((name, position): ColumnInfo => {
    const { typeName, typeText, precision } = described[position] ?? { typeName: "STRING", typeText: "STRING" };
    const decimal = reader.columnType(position);
    return {
      name,
      type_name: typeName,
      type_text: typeText,
      position,
      ...(decimal.typeId === DuckDBTypeId.DECIMAL
        ? { type_precision: decimal.width, type_scale: decimal.scale }
        : precision
          ? { type_precision: precision, type_scale: 0 }
          : {}),
    };
  });
  const rows = reader
    .getRowsJson()
    .map((row) => row.map((value, index) => (value === null ? null : (described[index]?.format ?? asString)(value))));
  return { columns, rows };
}
