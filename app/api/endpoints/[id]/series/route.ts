import { SeriesResponseSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { requireEndpoint } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";
import { queryBackend } from "@/lib/server/query-backend";
import { resolveSeriesQuery } from "@/lib/server/series-params";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const endpoint = requireEndpoint(runtime, (await params).id);
    const { backend, finestStepMs } = runtime.seriesSourceFor(endpoint);
    const query = resolveSeriesQuery(new URL(request.url).searchParams, {
      nowMs: Date.now(),
      scrapeIntervalMs: finestStepMs,
    });
    return jsonResponse(SeriesResponseSchema, await queryBackend(backend, endpoint, query));
  });
}
