import "server-only";
import { UpstreamError } from "@/lib/http";

export const NO_METRICS_MESSAGE = "no metrics for this endpoint";

export interface ExplainedStatus {
  error: string;
  noMetrics: boolean;
}

/**
 * Authentication and permission failures in the user's words; a 404 from a metrics URL means the
 * platform has no metrics for the endpoint, not an outage. Null keeps "HTTP n from host: message".
 */
export function explainStatus(
  error: UpstreamError,
  platform: string,
  scope: "endpoint" | "source",
): ExplainedStatus | null {
  if (error.status === 401) return { error: `token rejected by ${platform} (HTTP 401)`, noMetrics: false };
  if (error.status === 403) {
    const what = scope === "endpoint" ? "this endpoint" : `the endpoints of this ${platform} source`;
    return { error: `no permission to ${what} (HTTP 403)`, noMetrics: false };
  }
  if (error.status === 404 && scope === "endpoint") return { error: NO_METRICS_MESSAGE, noMetrics: true };
  return null;
}

/** Discovery failures are thrown as plain Errors carrying the readable message. */
export function toDiscoveryError(error: unknown, platform: string): Error {
  if (error instanceof UpstreamError) {
    return new Error(explainStatus(error, platform, "source")?.error ?? error.message);
  }
  return error instanceof Error ? error : new Error(String(error));
}
