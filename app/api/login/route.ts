import { z } from "zod";
import { safeEqual, SESSION_COOKIE, sessionValue } from "@/lib/auth/session";
import { errorResponse } from "@/lib/server/api-response";

export const dynamic = "force-dynamic";

const LoginSchema = z.object({ token: z.string().min(1).max(1000) });

/** Exchanges the access token for a session cookie (HttpOnly: page scripts never see it). */
export async function POST(request: Request): Promise<Response> {
  const authToken = process.env.SERVESCOPE_AUTH_TOKEN;
  if (!authToken) return errorResponse(404, "no_auth", "this dashboard does not require signing in");
  const parsed = LoginSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return errorResponse(400, "bad_parameter", 'send {"token": "…"}');
  if (!safeEqual(parsed.data.token, authToken))
    return errorResponse(401, "unauthorized", "that access token is not right");
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return new Response(null, {
    status: 204,
    headers: {
      "set-cookie": `${SESSION_COOKIE}=${sessionValue(authToken)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}`,
    },
  });
}
