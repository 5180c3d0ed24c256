import { z } from "zod";
import { isSameOriginRequest } from "@/lib/auth/same-origin";
import { safeEqual, SESSION_COOKIE, sessionValue } from "@/lib/auth/session";
import { clientOf, getSignInLimiter, tooManyFailures } from "@/lib/auth/sign-in-limiter";
import { errorResponse } from "@/lib/server/api-response";

export const dynamic = "force-dynamic";

const LoginSchema = z.object({ token: z.string().min(1).max(1000) });
const MAX_BODY_BYTES = 4096;

/**
 * Exchanges the access token for a session cookie (HttpOnly: page scripts never see it). Only from
 * this dashboard's own page, as JSON (a cross-site form cannot send that without CORS), and at most
 * SIGN_IN_LIMITS.maxFailures wrong tokens per client address and window.
 */
export async function POST(request: Request): Promise<Response> {
  const authToken = process.env.SERVESCOPE_AUTH_TOKEN;
  if (!authToken) return errorResponse(404, "no_auth", "this dashboard does not require signing in");
  if (!isSameOriginRequest(request.headers)) {
    return errorResponse(403, "cross_site", "sign in from this dashboard's own sign-in page");
  }
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    return errorResponse(415, "bad_content_type", 'send {"token": "…"} as application/json');
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return errorResponse(413, "too_large", `a sign-in is at most ${MAX_BODY_BYTES} bytes`);
  }
  const limiter = getSignInLimiter();
  const client = clientOf(request.headers);
  const waitS = limiter.retryAfterS(client);
  if (waitS > 0) return tooManyFailures(waitS);
  const parsed = LoginSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return errorResponse(400, "bad_parameter", 'send {"token": "…"}');
  if (!safeEqual(parsed.data.token, authToken)) {
    limiter.recordFailure(client, "sign-in");
    return errorResponse(401, "unauthorized", "that access token is not right");
  }
  limiter.recordSuccess(client);
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return new Response(null, {
    status: 204,
    headers: {
      "set-cookie": `${SESSION_COOKIE}=${sessionValue(authToken)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}`,
    },
  });
}
