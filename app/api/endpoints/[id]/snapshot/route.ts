import { ApiProblem, handle } from "@/lib/server/api-response";
import { requireEndpoint } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/**
 * The live scrape, parsed, straight from upstream. Never calls an endpoint that has no metrics;
 * requests within a few seconds share one scrape (see createSnapshotService).
 */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const endpoint = requireEndpoint(runtime, (await params).id);
    const provider = runtime.provider(endpoint.source);
    if (!endpoint.metrics.available || endpoint.scrape === null || provider === null) {
      throw new ApiProblem(409, "no_metrics", endpoint.metrics.reason ?? "this endpoint exposes no metrics");
    }
    const answer = await runtime.snapshots.get(endpoint, provider);
    return new Response(answer.body, {
      status: answer.status,
      headers: { "content-type": "application/json", "cache-control": "no-store", ...answer.headers },
    });
  });
}
