import { randomBytes } from "node:crypto";
import { safeEqual } from "@/lib/auth/session";

/** The request header through which the request guard tells the app about a request's socket. */
export const SOCKET_HEADER = "x-servescope-socket";

export interface SocketAddresses {
  /** The address of the interface the request arrived on. */
  localAddress: string;
  /** The client's address (or its proxy's). */
  remoteAddress: string;
}

type Holder = typeof globalThis & { __servescopeSocketSecret?: string };

// One secret per process, shared by the guard and the proxy and route handlers (bundled apart): a
// client cannot forge a stamp, not even on a request that arrived before the guard was installed.
function secret(): string {
  const holder = globalThis as Holder;
  holder.__servescopeSocketSecret ??= randomBytes(16).toString("hex");
  return holder.__servescopeSocketSecret;
}

export function toSocketStamp({ localAddress, remoteAddress }: SocketAddresses): string {
  return `${secret()} ${localAddress || "unknown"} ${remoteAddress || "unknown"}`;
}

/** The socket's addresses as the guard stamped them, or null when it did not see this request. */
export function readSocketStamp(headers: Headers): SocketAddresses | null {
  const [stampSecret = "", localAddress, remoteAddress, ...rest] = (headers.get(SOCKET_HEADER) ?? "").split(" ");
  if (!safeEqual(stampSecret, secret()) || !localAddress || !remoteAddress || rest.length > 0) return null;
  return { localAddress, remoteAddress };
}
