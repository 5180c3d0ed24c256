import { EndpointListSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { toSummary } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const now = Date.now();
    const endpoints = await Promise.all(
      runtime.endpoints().map((endpoint) => toSummary(runtime, endpoint, now, { sparkline: true })),
    );
    return jsonResponse(EndpointListSchema, { endpoints });
  });
}
