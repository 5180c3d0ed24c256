import { DATABRICKS_ENDPOINTS, type DatabricksEndpointDef } from "./databricks-catalog";
import { minuteRequests } from "./databricks-requests";
import type { SimulationOptions } from "./options";
import { unit } from "./random";
import { MINUTE_MS } from "./traffic";

/** One OpenTelemetry log record as endpoint telemetry writes it to `<prefix>_otel_logs`. */
export interface OtelLogRecord {
  /** Unique per endpoint and stable: the minute's start and the record's place in it. */
  sequence: number;
  timeMs: number;
  severityText: "INFO" | "WARN" | "ERROR";
  body: string;
  /** Logged while serving a request: the record carries a trace and span id. */
  traced: boolean;
  attributes: Record<string, string | number>;
}

/**
 * The server logs one ERROR per ten failed requests, at most 60 a minute: rows stay bounded (about
 * 8,000 a day) and an incident still stands out (60 a minute against about one).
 */
const FAILED_REQUESTS_PER_ERROR_LOG = 10;
const MAX_ERROR_LOGS_PER_MINUTE = 60;

/** Endpoints whose telemetry goes to a logs table, with the table's name. */
export function listTelemetryEndpoints(): Array<{ def: DatabricksEndpointDef; logsTable: string }> {
  return DATABRICKS_ENDPOINTS.flatMap((def) =>
    def.telemetry && def.metrics ? [{ def, logsTable: def.telemetry.logsTable }] : [],
  );
}

/** ERROR lines in the minute starting at `minuteMs` (0 for an endpoint without telemetry). */
export function errorLogsInMinute(def: DatabricksEndpointDef, minuteMs: number, options: SimulationOptions): number {
  if (!def.telemetry || !def.metrics) return 0;
  const { count5xx } = minuteRequests(def.metrics, minuteMs, options);
  return Math.min(MAX_ERROR_LOGS_PER_MINUTE, Math.round(count5xx / FAILED_REQUESTS_PER_ERROR_LOG));
}

/** Every log record of the minute starting at `minuteMs`, in time order. */
export function logsInMinute(
  def: DatabricksEndpointDef,
  minuteMs: number,
  options: SimulationOptions,
): OtelLogRecord[] {
  const profile = def.metrics;
  if (!def.telemetry || !profile) return [];
  const { count, count5xx, incident } = minuteRequests(profile, minuteMs, options);
  const entity = String(def.entities[0]?.summary.name ?? def.name);
  const records: OtelLogRecord[] = [];
  const add = (
    index: number,
    severityText: OtelLogRecord["severityText"],
    body: string,
    extra: Record<string, string | number> = {},
    traced = false,
  ) => {
    records.push({
      sequence: minuteMs * 1000 + index,
      timeMs: minuteMs + Math.floor(unit(def.name, minuteMs, index) * MINUTE_MS),
      severityText,
      body,
      traced,
      attributes: { served_entity_name: entity, "logger.name": "model_server", ...extra },
    });
  };
  const errorPct = count === 0 ? 0 : Math.round((count5xx / count) * 1000) / 10;
  add(0, "INFO", `Served ${count} requests in the last minute, ${count5xx} failed (error_rate=${errorPct}%)`);
  if (unit(def.name, minuteMs, "warn") < (incident ? 0.5 : 0.03)) {
    const slowMs = Math.round((incident ? 800 : 300) * (1 + unit(def.name, minuteMs, "slow")));
    add(
      1,
      "WARN",
      incident ? `Feature store lookup took ${slowMs} ms; retrying` : `Request took ${slowMs} ms`,
      {},
      true,
    );
  }
  const failure = incident
    ? { type: "TimeoutError", message: "online feature store did not answer within 5000 ms", status: 503 }
    : { type: "ValueError", message: "feature vector contains NaN", status: 500 };
  const errors = errorLogsInMinute(def, minuteMs, options);
  for (let i = 0; i < errors; i += 1) {
    const attributes = { "exception.type": failure.type, "http.status_code": failure.status };
    add(2 + i, "ERROR", `Inference failed: ${failure.type}: ${failure.message}`, attributes, true);
  }
  return records.sort((a, b) => a.timeMs - b.timeMs);
}
