import { EndpointListSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { toFleet } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(async () => jsonResponse(EndpointListSchema, await toFleet(getRuntime(), Date.now())));
}
