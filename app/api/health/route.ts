import type { NextRequest } from "next/server";
import { HealthSchema } from "@/lib/api/schemas";
import { isAuthorized, SESSION_COOKIE } from "@/lib/auth/session";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { toHealth } from "@/lib/server/health";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** Liveness for anyone (sign-in is not needed for it); the collector's state only for signed-in callers. */
export function GET(request: NextRequest): Promise<Response> {
  return handle(() => {
    const runtime = getRuntime();
    const health = toHealth(runtime);
    const { authToken } = runtime.config;
    const signedIn =
      authToken === null ||
      isAuthorized(authToken, {
        cookie: request.cookies.get(SESSION_COOKIE)?.value,
        authorization: request.headers.get("authorization"),
      });
    return jsonResponse(HealthSchema, signedIn ? health : { status: health.status });
  });
}
