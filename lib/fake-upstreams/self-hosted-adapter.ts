import type { Reply } from "./respond";
import type { PlatformAdapter } from "./serve";

/** prometheus_client (vLLM) and Go's promhttp (DCGM exporter) without OpenMetrics negotiation. */
export const PROMETHEUS_TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
/** TGI's router answers /metrics as a plain string (axum's default). */
export const TGI_CONTENT_TYPE = "text/plain; charset=utf-8";

/**
 * One self-hosted process serving `GET /metrics`: a replica's LLM server or its GPU exporter. Its
 * faults are keyed by `key` ("openmetrics:vllm-chat-1", "openmetrics:vllm-chat-1-dcgm").
 */
export function createSelfHostedAdapter(
  key: string,
  token: string,
  contentType: string,
  render: () => string | null,
): PlatformAdapter {
  const errorReply = (status: number, message: string, headers: Record<string, string> = {}): Reply => ({
    status,
    contentType: "text/plain; charset=utf-8",
    text: `${message}\n`,
    headers,
  });
  return {
    platform: "openmetrics",
    token,
    endpointOf: () => key,
    errorReply,
    reply(path) {
      const text = path === "/metrics" ? render() : null;
      return text === null ? errorReply(404, "404 page not found") : { status: 200, contentType, text };
    },
  };
}
