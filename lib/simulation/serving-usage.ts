import { DATABRICKS_ENDPOINTS, databricksEndpointIdOf, type DatabricksEndpointDef } from "./databricks-catalog";
import { uuidOf } from "./hex-id";
import { signedUnits } from "./random";
import { MINUTE_MS, requestsBetween, type TrafficProfile } from "./traffic";

/** A row of `system.serving.served_entities`: one per served entity of every endpoint. */
export interface ServedEntityRecord {
  servedEntityId: string;
  endpointName: string;
  endpointId: string;
  servedEntityName: string;
  entityType: "FOUNDATION_MODEL" | "EXTERNAL_MODEL" | "CUSTOM_MODEL" | "FEATURE_SPEC";
  entityName: string;
  entityVersion: string | null;
  task: string | null;
  changeTimeMs: number;
}

/** A row of `system.serving.endpoint_usage`: one per request to a pay-per-token endpoint. */
export interface UsageRecord {
  /** Unique per endpoint and stable: the minute's start and the request's place in it. */
  sequence: number;
  requestTimeMs: number;
  statusCode: number;
  inputTokenCount: number;
  outputTokenCount: number;
  inputCharacterCount: number;
  outputCharacterCount: number;
  requestStreaming: boolean;
  servedEntityId: string;
  requester: string;
}

const USAGE_BASE_RPS = 0.08;
const CHANGE_TIME_MS = Date.UTC(2026, 9, 1);
const REQUESTERS = ["analyst@example.com", "rag-service@example.com", "notebook-job@example.com"];

function usageTraffic(def: DatabricksEndpointDef): TrafficProfile {
  return { seed: `${def.name}:usage`, baseRps: USAGE_BASE_RPS, dailyAmplitude: 0.5 };
}

function entityTypeOf(summary: Record<string, unknown>): ServedEntityRecord["entityType"] {
  if (summary.foundation_model) return "FOUNDATION_MODEL";
  if (summary.external_model) return "EXTERNAL_MODEL";
  return String(summary.entity_name ?? "").endsWith("_spec") ? "FEATURE_SPEC" : "CUSTOM_MODEL";
}

function servedEntityIdOf(def: DatabricksEndpointDef, servedEntityName: string): string {
  return uuidOf(def.name, servedEntityName, "served-entity");
}

const entityIds = new Map<DatabricksEndpointDef, string>();

/** The id of the endpoint's first served entity, which its usage rows name. */
function usageEntityIdOf(def: DatabricksEndpointDef): string {
  let id = entityIds.get(def);
  if (id === undefined) {
    id = servedEntityIdOf(def, String(def.entities[0]?.summary.name));
    entityIds.set(def, id);
  }
  return id;
}

/** Every served entity of the simulated workspace. */
export function listServedEntities(): ServedEntityRecord[] {
  return DATABRICKS_ENDPOINTS.flatMap((def) =>
    def.entities.map(({ summary }) => {
      const name = String(summary.name);
      const model = summary.foundation_model as { name?: string } | undefined;
      return {
        servedEntityId: servedEntityIdOf(def, name),
        endpointName: def.name,
        endpointId: databricksEndpointIdOf(def),
        servedEntityName: name,
        entityType: entityTypeOf(summary),
        entityName: String(summary.entity_name ?? model?.name ?? name),
        entityVersion: typeof summary.entity_version === "string" ? summary.entity_version : null,
        task: def.task ?? null,
        changeTimeMs: CHANGE_TIME_MS,
      };
    }),
  );
}

/** The pay-per-token (Foundation Model API) endpoints, whose requests land in endpoint_usage. */
export function listUsageEndpoints(): DatabricksEndpointDef[] {
  return DATABRICKS_ENDPOINTS.filter((def) => def.endpointType === "FOUNDATION_MODEL_API");
}

/** Requests to `def` in the minute starting at `minuteMs`, on the same daily rhythm as the metrics. */
export function usageRequestsInMinute(def: DatabricksEndpointDef, minuteMs: number): number {
  if (def.endpointType !== "FOUNDATION_MODEL_API") return 0;
  return Math.round(requestsBetween(usageTraffic(def), minuteMs, minuteMs + MINUTE_MS));
}

function statusOf(draw: number): number {
  if (draw < 0.01) return 429;
  if (draw < 0.015) return 400;
  if (draw < 0.017) return 500;
  return 200;
}

/** The usage rows of the minute starting at `minuteMs`, in time order. */
export function usageInMinute(def: DatabricksEndpointDef, minuteMs: number): UsageRecord[] {
  const servedEntityId = usageEntityIdOf(def);
  const rows: UsageRecord[] = [];
  const count = usageRequestsInMinute(def, minuteMs);
  for (let i = 0; i < count; i += 1) {
    const [offset = 0, status = 0, input = 0, output = 0, who = 0] = signedUnits(5, def.name, minuteMs, i).map(
      (u) => (u + 1) / 2,
    );
    const statusCode = statusOf(status);
    const ok = statusCode === 200;
    const inputTokenCount = statusCode === 429 ? 0 : Math.round(40 + 1800 * input ** 2);
    const outputTokenCount = ok ? Math.round(20 + 600 * output) : 0;
    rows.push({
      sequence: minuteMs * 1000 + i,
      requestTimeMs: minuteMs + Math.floor(offset * MINUTE_MS),
      statusCode,
      inputTokenCount,
      outputTokenCount,
      inputCharacterCount: inputTokenCount * 4,
      outputCharacterCount: outputTokenCount * 4,
      requestStreaming: output < 0.4,
      servedEntityId,
      requester: REQUESTERS[Math.floor(who * REQUESTERS.length)] ?? "analyst@example.com",
    });
  }
  return rows.sort((a, b) => a.requestTimeMs - b.requestTimeMs);
}
