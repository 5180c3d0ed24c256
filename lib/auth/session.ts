import { createHash, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "servescope_session";

/** The cookie value for a signed-in browser: a digest of the access token, never the token itself. */
export function sessionValue(authToken: string): string {
  return createHash("sha256").update(`servescope-session:${authToken}`).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function hasSession(authToken: string, cookie: string | undefined): boolean {
  return cookie !== undefined && safeEqual(cookie, sessionValue(authToken));
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerTokenOf(authorization: string | null): string | null {
  return authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? null;
}

/** Whether a request carries the access token (as a bearer header) or a session made from it. */
export function isAuthorized(
  authToken: string,
  { cookie, authorization }: { cookie: string | undefined; authorization: string | null },
): boolean {
  if (hasSession(authToken, cookie)) return true;
  const bearer = bearerTokenOf(authorization);
  return bearer !== null && safeEqual(bearer, authToken);
}
