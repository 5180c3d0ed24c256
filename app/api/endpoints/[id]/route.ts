import { EndpointDetailSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { requireEndpoint, toDetail } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const runtime = getRuntime();
    const endpoint = requireEndpoint(runtime, (await params).id);
    return jsonResponse(EndpointDetailSchema, await toDetail(runtime, endpoint, Date.now()));
  });
}
