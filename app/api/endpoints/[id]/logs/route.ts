import { LogsResponseSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { getEndpointLogs } from "@/lib/server/endpoint-logs";
import { requireEndpoint } from "@/lib/server/endpoint-view";
import { resolveLogsQuery } from "@/lib/server/logs-params";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const endpoint = requireEndpoint(runtime, (await params).id);
    const query = resolveLogsQuery(new URL(request.url).searchParams, Date.now());
    return jsonResponse(LogsResponseSchema, await getEndpointLogs(runtime, endpoint, query, request.signal));
  });
}
