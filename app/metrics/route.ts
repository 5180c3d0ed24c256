import { OPENMETRICS_CONTENT_TYPE, renderSelfMetrics } from "@/lib/export/self-metrics";
import { handle } from "@/lib/server/api-response";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(() => {
    const body = renderSelfMetrics(getRuntime().selfMetricsInput());
    return new Response(body, { headers: { "content-type": OPENMETRICS_CONTENT_TYPE, "cache-control": "no-store" } });
  });
}
