import {
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from "@duckdb/node-api";
import { parseTableName } from "@/lib/providers/databricks/sql/table-name";
import type { SimulationOptions } from "@/lib/simulation/options";
import { listServedEntities, listUsageEndpoints, usageInMinute } from "@/lib/simulation/serving-usage";
import { listTelemetryEndpoints, logsInMinute } from "@/lib/simulation/telemetry-logs";
import { MINUTE_MS } from "@/lib/simulation/traffic";
import { SYSTEM_CATALOG_ALIAS } from "./sql-dialect";

/**
 * The warehouse's tables, filled from the simulation: each endpoint's `<prefix>_otel_logs` (columns
 * after Databricks' OpenTelemetry table reference: `time`, `severity_text`, VARIANT `body` and
 * `attributes`, …) and `system.serving.endpoint_usage` / `served_entities`. Rows exist for whole
 * minutes of a window ending at the fake's clock; `loadThrough` appends the minutes since.
 */
export const TABLE_WINDOW_MS = 7 * 24 * 3_600_000;
const ACCOUNT_ID = "7f9b7c1e-5a3d-4b8e-9c21-3d0f6a2b8e45";
const WORKSPACE_ID = "1234567890123456";

const MACROS = [
  "CREATE MACRO unix_millis(ts) AS epoch_ms(ts)",
  "CREATE MACRO unix_micros(ts) AS epoch_us(ts)",
  "CREATE MACRO unix_seconds(ts) AS CAST(floor(epoch(ts)) AS BIGINT)",
  "CREATE MACRO timestamp_millis(ms) AS make_timestamptz(CAST(ms AS BIGINT) * 1000)",
  "CREATE MACRO timestamp_seconds(s) AS make_timestamptz(CAST(s * 1000000 AS BIGINT))",
  "CREATE MACRO percentile_approx(x, p) AS approx_quantile(x, p)",
];

const LOG_COLUMNS = `record_id VARCHAR, "time" TIMESTAMPTZ, "date" DATE, service_name VARCHAR, event_name VARCHAR,
  trace_id VARCHAR, span_id VARCHAR, time_unix_nano BIGINT, observed_time_unix_nano BIGINT,
  severity_number INTEGER, severity_text VARCHAR, body JSON, attributes JSON, dropped_attributes_count INTEGER,
  flags INTEGER, resource STRUCT(attributes JSON, dropped_attributes_count INTEGER), resource_schema_url VARCHAR,
  instrumentation_scope STRUCT(name VARCHAR, version VARCHAR, attributes JSON, dropped_attributes_count INTEGER),
  log_schema_url VARCHAR`;
const USAGE_COLUMNS = `account_id VARCHAR, workspace_id VARCHAR, client_request_id VARCHAR,
  databricks_request_id VARCHAR, requester VARCHAR, status_code INTEGER, request_time TIMESTAMPTZ,
  input_token_count BIGINT, output_token_count BIGINT, input_character_count BIGINT,
  output_character_count BIGINT, usage_context MAP(VARCHAR, VARCHAR), request_streaming BOOLEAN,
  served_entity_id VARCHAR`;
const ENTITY_COLUMNS = `served_entity_id VARCHAR, account_id VARCHAR, workspace_id VARCHAR, created_by VARCHAR,
  endpoint_name VARCHAR, endpoint_id VARCHAR, served_entity_name VARCHAR, entity_type VARCHAR, entity_name VARCHAR,
  entity_version VARCHAR, endpoint_config_version INTEGER, task VARCHAR, change_time TIMESTAMPTZ,
  endpoint_delete_time TIMESTAMPTZ`;

/**
 * Rows arrive in flat staging tables (times as µs, numbers as DOUBLE: exact below 2^53) filled
 * column-wise by data chunks, then move to the real tables in one INSERT … SELECT each.
 */
const STAGES = {
  stage_logs: [
    ["endpoint", VARCHAR],
    ["sequence", DOUBLE],
    ["time_us", DOUBLE],
    ["severity_text", VARCHAR],
    ["body", VARCHAR],
    ["traced", BOOLEAN],
    ["attributes", VARCHAR],
  ],
  stage_usage: [
    ["sequence", DOUBLE],
    ["requester", VARCHAR],
    ["status_code", INTEGER],
    ["time_us", DOUBLE],
    ["input_token_count", DOUBLE],
    ["output_token_count", DOUBLE],
    ["input_character_count", DOUBLE],
    ["output_character_count", DOUBLE],
    ["request_streaming", BOOLEAN],
    ["served_entity_id", VARCHAR],
  ],
  stage_entities: [
    ["served_entity_id", VARCHAR],
    ["endpoint_name", VARCHAR],
    ["endpoint_id", VARCHAR],
    ["served_entity_name", VARCHAR],
    ["entity_type", VARCHAR],
    ["entity_name", VARCHAR],
    ["entity_version", VARCHAR],
    ["task", VARCHAR],
    ["change_time_us", DOUBLE],
  ],
} satisfies Record<string, Array<[string, DuckDBType]>>;
type Stage = keyof typeof STAGES;
type Cell = string | number | boolean | null;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const SERVING = `${SYSTEM_CATALOG_ALIAS}.serving`;
const CONSTANTS = `${literal(ACCOUNT_ID)}, ${literal(WORKSPACE_ID)}`;

function duckTable(name: string): { catalog: string; schema: string; sql: string } {
  const [catalog, schema, table] = parseTableName(name).parts;
  return { catalog, schema, sql: [catalog, schema, table].map(quote).join(".") };
}

const LOGS = listTelemetryEndpoints().map(({ def, logsTable }) => ({ def, table: duckTable(logsTable) }));

/** Ids are md5 of the endpoint and the row's sequence: stable, and cheaper in DuckDB than in JS. */
const ID = (salt: string) => `md5(endpoint || ':' || CAST(sequence AS BIGINT) || '${salt}')`;
const TIME = "make_timestamptz(CAST(time_us AS BIGINT))";

const MOVES = {
  stage_logs: LOGS.map(
    ({ def, table }) => `INSERT INTO ${table.sql} SELECT ${ID("")}, ${TIME}, CAST(${TIME} AS DATE), endpoint, NULL,
      CASE WHEN traced THEN ${ID(":trace")} END, CASE WHEN traced THEN left(${ID(":span")}, 16) END,
      CAST(time_us AS BIGINT) * 1000, CAST(time_us AS BIGINT) * 1000 + 150000000,
      CASE severity_text WHEN 'ERROR' THEN 17 WHEN 'WARN' THEN 13 ELSE 9 END, severity_text,
      CAST(body AS JSON), CAST(attributes AS JSON), 0, CASE WHEN traced THEN 1 ELSE 0 END,
      {'attributes': CAST(json_object('service.name', endpoint) AS JSON), 'dropped_attributes_count': 0}, '',
      {'name': 'model_server', 'version': '1.0.0', 'attributes': CAST('{}' AS JSON), 'dropped_attributes_count': 0},
      '' FROM stage_logs WHERE endpoint = ${literal(def.name)}`,
  ),
  stage_usage: [
    `INSERT INTO ${SERVING}.endpoint_usage SELECT ${CONSTANTS}, NULL,
      CAST(CAST(md5(served_entity_id || ':' || CAST(sequence AS BIGINT)) AS UUID) AS VARCHAR), requester,
      status_code, ${TIME}, input_token_count, output_token_count, input_character_count,
      output_character_count, NULL, request_streaming, served_entity_id FROM stage_usage`,
  ],
  stage_entities: [
    `INSERT INTO ${SERVING}.served_entities SELECT served_entity_id, ${CONSTANTS}, 'ml-platform@example.com',
      endpoint_name, endpoint_id, served_entity_name, entity_type, entity_name, entity_version, 1, task,
      make_timestamptz(CAST(change_time_us AS BIGINT)), NULL FROM stage_entities`,
  ],
} satisfies Record<Stage, string[]>;

const CHUNK_ROWS = 2048;

/** Appends rows to a staging table in data chunks, moves them to their table, and empties the stage. */
async function move(connection: DuckDBConnection, stage: Stage, rows: Cell[][]): Promise<void> {
  const types = STAGES[stage].map(([, type]) => type);
  const appender = await connection.createAppender(stage);
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    const slice = rows.slice(offset, offset + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, slice.length);
    chunk.setColumns(types.map((_, column) => slice.map((row) => row[column] ?? null)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  for (const sql of MOVES[stage]) await connection.run(sql);
  await connection.run(`DELETE FROM ${stage}`);
}

const CATALOGS = [SYSTEM_CATALOG_ALIAS, ...new Set(LOGS.map(({ table }) => table.catalog))];

/** Creates catalogs, schemas, tables and macros, and fills served_entities. */
export async function createWarehouseTables(connection: DuckDBConnection): Promise<void> {
  await connection.run("SET TimeZone = 'UTC'");
  for (const catalog of CATALOGS) await connection.run(`ATTACH ':memory:' AS ${quote(catalog)}`);
  const schemas = new Set([SERVING, ...LOGS.map(({ table }) => `${quote(table.catalog)}.${quote(table.schema)}`)]);
  for (const schema of schemas) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  for (const macro of MACROS) await connection.run(macro);
  for (const { table } of LOGS) await connection.run(`CREATE TABLE ${table.sql} (${LOG_COLUMNS})`);
  await connection.run(`CREATE TABLE ${SERVING}.endpoint_usage (${USAGE_COLUMNS})`);
  await connection.run(`CREATE TABLE ${SERVING}.served_entities (${ENTITY_COLUMNS})`);
  for (const [stage, columns] of Object.entries(STAGES)) {
    await connection.run(`CREATE TABLE ${stage} (${columns.map(([name, type]) => `${name} ${type}`).join(", ")})`);
  }
  const entities = listServedEntities().map((entity) => [
    entity.servedEntityId,
    entity.endpointName,
    entity.endpointId,
    entity.servedEntityName,
    entity.entityType,
    entity.entityName,
    entity.entityVersion,
    entity.task,
    entity.changeTimeMs * 1000,
  ]);
  await move(connection, "stage_entities", entities);
}

/** Appends the rows of the minutes in [fromMs, toMs); returns how many. */
export async function loadMinutes(
  connection: DuckDBConnection,
  fromMs: number,
  toMs: number,
  simulation: SimulationOptions,
): Promise<number> {
  const logs: Cell[][] = [];
  const usage: Cell[][] = [];
  const usageEndpoints = listUsageEndpoints();
  for (let minuteMs = fromMs; minuteMs < toMs; minuteMs += MINUTE_MS) {
    for (const { def } of LOGS) {
      for (const { sequence, timeMs, severityText, body, traced, attributes } of logsInMinute(
        def,
        minuteMs,
        simulation,
      )) {
        logs.push([
          def.name,
          sequence,
          timeMs * 1000,
          severityText,
          JSON.stringify(body),
          traced,
          JSON.stringify(attributes),
        ]);
      }
    }
    for (const def of usageEndpoints) {
      for (const request of usageInMinute(def, minuteMs)) {
        usage.push([
          request.sequence,
          request.requester,
          request.statusCode,
          request.requestTimeMs * 1000,
          request.inputTokenCount,
          request.outputTokenCount,
          request.inputCharacterCount,
          request.outputCharacterCount,
          request.requestStreaming,
          request.servedEntityId,
        ]);
      }
    }
  }
  await move(connection, "stage_logs", logs);
  await move(connection, "stage_usage", usage);
  return logs.length + usage.length;
}
