import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { bearerTokenOf, hasSession, safeEqual, SESSION_COOKIE } from "@/lib/auth/session";
import { clientOf, getSignInLimiter, tooManyFailures } from "@/lib/auth/sign-in-limiter";
import { exposureRefusal } from "@/lib/security/exposure";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security/security-headers";
import { errorResponse } from "@/lib/server/api-response";

const OPEN_PATHS = ["/login", "/api/login", "/api/health", "/favicon.svg"];
const isApi = (pathname: string) => pathname.startsWith("/api/") || pathname === "/metrics";

/** A refusal: JSON `{error}` on the API, a line of text for pages. */
function refusal(
  pathname: string,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  if (isApi(pathname)) return errorResponse(status, code, message, headers);
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

function refuseMethod({ method, nextUrl: { pathname } }: NextRequest): Response | null {
  const allowed = pathname === "/api/login" ? ["POST"] : ["GET", "HEAD"];
  if (allowed.includes(method)) return null;
  return refusal(pathname, 405, "method_not_allowed", `method ${method} is not allowed here`, {
    allow: allowed.join(", "),
  });
}

function refuseUndecodablePath(pathname: string): Response | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return refusal(pathname, 400, "bad_path", "the path holds a malformed percent-encoding (e.g. a lone '%')");
  }
}

/**
 * When the dashboard is exposed beyond loopback it requires SERVESCOPE_AUTH_TOKEN: the browser signs
 * in once (a session cookie); scripts and scrapers send it as a bearer token. Wrong bearer tokens
 * count towards the sign-in limit, so the API is no faster a way to guess.
 */
function refuseUnauthorized(request: NextRequest, authToken: string): Response | null {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/_next/") || OPEN_PATHS.includes(pathname)) return null;
  if (hasSession(authToken, request.cookies.get(SESSION_COOKIE)?.value)) return null;
  const bearer = bearerTokenOf(request.headers.get("authorization"));
  if (bearer !== null) {
    const limiter = getSignInLimiter();
    const client = clientOf(request.headers);
    const waitS = limiter.retryAfterS(client);
    if (waitS > 0) return tooManyFailures(waitS);
    if (safeEqual(bearer, authToken)) return null;
    limiter.recordFailure(client, "bearer token");
  }
  if (isApi(pathname)) {
    return errorResponse(401, "unauthorized", "sign in, or send the access token as a bearer token");
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

function refuseBeyondLoopback({ headers, nextUrl: { pathname } }: NextRequest): Response | null {
  const message = exposureRefusal(headers);
  return message === null ? null : refusal(pathname, 403, "loopback_only", message);
}

function route(request: NextRequest, csp: string): Response {
  const authToken = process.env.SERVESCOPE_AUTH_TOKEN;
  const refused =
    refuseMethod(request) ??
    refuseUndecodablePath(request.nextUrl.pathname) ??
    (authToken ? refuseUnauthorized(request, authToken) : refuseBeyondLoopback(request));
  if (refused) return refused;
  // Next reads the nonce for its own scripts from the request's policy.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  return NextResponse.next({ request: { headers } });
}

/**
 * Every request passes here first: methods, paths, the loopback rule, the access token; and every
 * answer leaves with the security headers and a fresh script nonce.
 */
export function proxy(request: NextRequest): Response {
  const csp = contentSecurityPolicy(randomBytes(16).toString("base64"), {
    dev: process.env.NODE_ENV === "development",
  });
  const response = route(request, csp);
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
