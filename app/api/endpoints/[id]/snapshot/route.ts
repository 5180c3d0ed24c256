import { SnapshotSchema } from "@/lib/api/schemas";
import { ApiProblem, handle, jsonResponse } from "@/lib/server/api-response";
import { requireEndpoint } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";
import { toSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

/** The live scrape, parsed, straight from upstream. Never calls an endpoint that has no metrics. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const endpoint = requireEndpoint(runtime, (await params).id);
    const provider = runtime.provider(endpoint.source);
    if (!endpoint.metrics.available || endpoint.scrape === null || provider === null) {
      throw new ApiProblem(409, "no_metrics", endpoint.metrics.reason ?? "this endpoint exposes no metrics");
    }
    const result = await provider.scrape(endpoint, request.signal);
    if (!result.ok && result.status === null)
      throw new ApiProblem(504, "upstream_unreachable", result.error ?? "no answer");
    if (!result.ok && !result.noMetrics && result.families.length === 0) {
      throw new ApiProblem(502, "upstream_error", result.error ?? `HTTP ${result.status}`);
    }
    return jsonResponse(SnapshotSchema, toSnapshot(result));
  });
}
