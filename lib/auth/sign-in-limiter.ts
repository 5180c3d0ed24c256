import { readSocketStamp } from "@/lib/security/socket-stamp";
import { errorResponse } from "@/lib/server/api-response";

export interface SignInLimits {
  maxFailures: number;
  windowMs: number;
  /** Clients remembered at once; past it, those that failed longest ago are forgotten. */
  maxClients: number;
}

/** Failed sign-ins (wrong token at /api/login or as a bearer token) allowed per client and window. */
export const SIGN_IN_LIMITS: Readonly<SignInLimits> = { maxFailures: 10, windowMs: 5 * 60_000, maxClients: 10_000 };

export interface SignInLimiter {
  /** Seconds before this client's credentials are checked again; 0 when it may try now. */
  retryAfterS(client: string, nowMs?: number): number;
  /** Counts and logs a failure (never the credential); returns retryAfterS after it. */
  recordFailure(client: string, what: string, nowMs?: number): number;
  /** A successful sign-in forgets the client's failures. */
  recordSuccess(client: string): void;
}

/** One key per client: an IPv4 address, or an IPv6 /64 (what one host or one customer gets). */
export function toClientKey(address: string): string {
  const plain = address.replace(/%.*$/, "").replace(/^::ffff:(?=\d+\.)/i, "");
  if (!plain.includes(":")) return plain;
  const [head = "", tail] = plain.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The limiter's key for the client that sent a request ("unknown" where the request guard did not see it). */
export function clientOf(headers: Headers): string {
  return toClientKey(readSocketStamp(headers)?.remoteAddress ?? "unknown");
}

/** A sliding window per client: the times of its recent failures, at most maxFailures of them. */
export function createSignInLimiter(
  limits: Readonly<SignInLimits> = SIGN_IN_LIMITS,
  log: (line: string) => void = (line) => console.warn(line),
): SignInLimiter {
  const failures = new Map<string, number[]>();
  const recent = (client: string, nowMs: number) =>
    (failures.get(client) ?? []).filter((atMs) => atMs > nowMs - limits.windowMs);

  function retryAfterS(client: string, nowMs = Date.now()): number {
    const times = recent(client, nowMs);
    const oldest = times[0];
    if (times.length < limits.maxFailures || oldest === undefined) return 0;
    return Math.max(1, Math.ceil((oldest + limits.windowMs - nowMs) / 1000));
  }

  return {
    retryAfterS,
    recordFailure(client, what, nowMs = Date.now()) {
      const times = [...recent(client, nowMs), nowMs].slice(-limits.maxFailures);
      failures.delete(client);
      failures.set(client, times);
      // Past the cap, forget the clients that failed longest ago (Map order is insertion order).
      for (const oldest of failures.keys()) {
        if (failures.size <= limits.maxClients) break;
        failures.delete(oldest);
      }
      const waitS = retryAfterS(client, nowMs);
      const minutes = limits.windowMs / 60_000;
      log(
        waitS > 0
          ? `servescope: ${what} refused from ${client} for ${waitS} s after ${times.length} failures in ${minutes} min`
          : `servescope: ${what} failed from ${client} (${times.length} of ${limits.maxFailures} allowed in ${minutes} min)`,
      );
      return waitS;
    },
    recordSuccess: (client) => void failures.delete(client),
  };
}

type Holder = typeof globalThis & { __servescopeSignInLimiter?: SignInLimiter };

/** The process's limiter, shared by the proxy and the sign-in route (bundled apart). */
export function getSignInLimiter(): SignInLimiter {
  const holder = globalThis as Holder;
  holder.__servescopeSignInLimiter ??= createSignInLimiter();
  return holder.__servescopeSignInLimiter;
}

export function tooManyFailures(retryAfterS: number): Response {
  return errorResponse(
    429,
    "rate_limited",
    `too many failed sign-ins from this address: try again in ${retryAfterS} s`,
    { "retry-after": String(retryAfterS) },
  );
}
