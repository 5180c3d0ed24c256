import { EVENTS_LIMIT, EventsQueryParamsSchema, EventsResponseSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { requireEndpoint } from "@/lib/server/endpoint-view";
import { parseQueryParams, resolveRangeParams } from "@/lib/server/query-params";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** What changed about the endpoint in the range (config, state, replicas), as the collector recorded it. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const endpoint = requireEndpoint(runtime, (await params).id);
    const query = parseQueryParams(EventsQueryParamsSchema, new URL(request.url).searchParams);
    const { fromMs, toMs } = resolveRangeParams(query, Date.now());
    const page = runtime.store.listEvents(endpoint.id, fromMs, toMs, EVENTS_LIMIT);
    return jsonResponse(EventsResponseSchema, { from: fromMs, to: toMs, ...page });
  });
}
