import "server-only";
import type { MetricsAvailability } from "@/lib/model/endpoint";
import { unaddressableNameReason } from "../endpoint-id";
import type { HuggingFaceEndpoint } from "./api-types";

const SERVING_STATES = new Set(["running", "initializing", "updating"]);

function unavailable(reason: string): MetricsAvailability {
  return { available: false, reason };
}

function withMessage(prefix: string, message: string | null | undefined): string {
  return message ? `${prefix}: ${message}` : prefix;
}

/**
 * Only a ready replica can report metrics. States without one say why; an unknown state is kept
 * as the platform wrote it and judged by its ready replicas.
 */
export function getHuggingFaceEligibility(endpoint: HuggingFaceEndpoint): MetricsAvailability {
  const { state, message } = endpoint.status;
  const ready = endpoint.status.readyReplica ?? 0;
  const unaddressable = unaddressableNameReason(endpoint.name);
  if (unaddressable !== null) return unavailable(unaddressable);
  switch (state) {
    case "paused":
      return unavailable("paused");
    case "scaledToZero":
      return unavailable("scaled to zero: no running replica to report");
    case "failed":
      return unavailable(withMessage("failed", message));
    case "pending":
      return unavailable("pending: no replica deployed yet");
    case "updateFailed":
      return unavailable(withMessage("update failed", message));
  }
  if (ready > 0) return { available: true, reason: null };
  return unavailable(
    SERVING_STATES.has(state) ? `${state}: no ready replica yet` : `no ready replica (state ${state})`,
  );
}
