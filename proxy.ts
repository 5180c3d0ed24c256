import { NextResponse, type NextRequest } from "next/server";
import { isAuthorized, SESSION_COOKIE } from "@/lib/auth/session";

const OPEN_PATHS = ["/login", "/api/login", "/api/health", "/favicon.svg"];

/**
 * When the dashboard is exposed beyond loopback it requires SERVESCOPE_AUTH_TOKEN: the browser signs
 * in once (a session cookie); scripts and scrapers send it as a bearer token.
 */
export function proxy(request: NextRequest): NextResponse {
  const authToken = process.env.SERVESCOPE_AUTH_TOKEN;
  const { pathname, search } = request.nextUrl;
  if (!authToken || pathname.startsWith("/_next/") || OPEN_PATHS.includes(pathname)) return NextResponse.next();
  const authorized = isAuthorized(authToken, {
    cookie: request.cookies.get(SESSION_COOKIE)?.value,
    authorization: request.headers.get("authorization"),
  });
  if (authorized) return NextResponse.next();
  if (pathname.startsWith("/api/") || pathname === "/metrics") {
    return NextResponse.json(
      { error: { code: "unauthorized", message: "sign in, or send the access token as a bearer token" } },
      { status: 401 },
    );
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}
