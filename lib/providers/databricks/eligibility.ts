import "server-only";
import type { MetricsAvailability } from "@/lib/model/endpoint";
import { unaddressableNameReason } from "../endpoint-id";
import { servedEntitiesOf, type DatabricksEndpoint, type DatabricksServedEntity } from "./api-types";

export const PAY_PER_TOKEN_REASON =
  "pay-per-token Foundation Model API endpoints expose no health metrics; their usage is in system.serving.endpoint_usage";
/** The same, where no SQL warehouse is configured to read that usage with. */
export const PAY_PER_TOKEN_NO_WAREHOUSE_REASON = `${PAY_PER_TOKEN_REASON}: set DATABRICKS_WAREHOUSE_ID (or the source's warehouseId) to see it`;

export const DELETED_REASON = "deleted (no longer in the workspace)";

const AVAILABLE: MetricsAvailability = { available: true, reason: null };

function unavailable(reason: string): MetricsAvailability {
  return { available: false, reason };
}

export function hasProvisionedThroughput(entity: DatabricksServedEntity): boolean {
  return (
    entity.min_provisioned_throughput != null ||
    entity.max_provisioned_throughput != null ||
    entity.provisioned_model_units != null
  );
}

/** Pay-per-token FMAPI: the raw `endpoint_type`, or where it is missing, the shape such endpoints have. */
export function isPayPerToken(endpoint: DatabricksEndpoint): boolean {
  if (endpoint.endpoint_type) return endpoint.endpoint_type === "FOUNDATION_MODEL_API";
  return servedEntitiesOf(endpoint).some(
    (entity) =>
      entity.foundation_model != null &&
      !hasProvisionedThroughput(entity) &&
      [endpoint.name, entity.name, entity.foundation_model.name].some((name) => name?.startsWith("databricks-")),
  );
}

function isBeingDeleted(endpoint: DatabricksEndpoint): boolean {
  return [endpoint.state?.ready, endpoint.state?.config_update].some((state) => state?.includes("DELET"));
}

/**
 * Whether `/metrics` may be called, decided from the list response alone so that ineligible
 * endpoints are never asked (DESIGN.md, "Which endpoints have metrics"). `warehouse`: whether a SQL
 * warehouse can read pay-per-token usage instead (the reason says how to get one otherwise).
 */
export function getDatabricksEligibility(
  endpoint: DatabricksEndpoint,
  { warehouse }: { warehouse: boolean },
): MetricsAvailability {
  const ready = endpoint.state?.ready ?? "UNKNOWN";
  const configUpdate = endpoint.state?.config_update ?? null;
  const unaddressable = unaddressableNameReason(endpoint.name);
  if (unaddressable !== null) return unavailable(unaddressable);
  if (isBeingDeleted(endpoint)) return unavailable("being deleted");
  if (isPayPerToken(endpoint)) return unavailable(warehouse ? PAY_PER_TOKEN_REASON : PAY_PER_TOKEN_NO_WAREHOUSE_REASON);
  if (ready !== "READY") return unavailable(`not ready (state ${ready})`);
  if (configUpdate === "IN_PROGRESS") return unavailable("updating (config_update IN_PROGRESS)");
  return AVAILABLE;
}
