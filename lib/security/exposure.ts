import { isLoopbackHost } from "@/lib/config/upstream-url";
import { readSocketStamp } from "./socket-stamp";

export function isLoopbackAddress(address: string): boolean {
  const ipv4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return ipv4 === "::1" || /^127(\.\d{1,3}){3}$/.test(ipv4);
}

function isLoopbackHostHeader(host: string): boolean {
  const hostname = URL.parse(`http://${host.trim()}`)?.hostname;
  return hostname !== undefined && isLoopbackHost(hostname);
}

function whyNotLoopback(headers: Headers): string | null {
  const socket = readSocketStamp(headers);
  if (socket === null) return "the server could not tell which interface this request arrived on";
  if (!isLoopbackAddress(socket.localAddress)) return "this request arrived on a network interface";
  const host = headers.get("host");
  if (host === null || !isLoopbackHostHeader(host)) return "this request names another host than this machine";
  const forwardedHost = headers.get("x-forwarded-host");
  const forwardedFor = headers.get("x-forwarded-for");
  const relayed =
    (forwardedHost !== null && !forwardedHost.split(",").every(isLoopbackHostHeader)) ||
    (forwardedFor !== null && !forwardedFor.split(",").every((address) => isLoopbackAddress(address.trim())));
  return relayed ? "this request was relayed by a proxy from beyond this machine" : null;
}

/**
 * Without SERVESCOPE_AUTH_TOKEN the dashboard serves this machine only, however the server was
 * started (`next start -H 0.0.0.0` included): the refusal's message for a request from elsewhere, or
 * null. The Host check also stops DNS rebinding.
 */
export function exposureRefusal(headers: Headers): string | null {
  const reason = whyNotLoopback(headers);
  return reason === null
    ? null
    : `Servescope answers only on this machine (loopback) while SERVESCOPE_AUTH_TOKEN is not set, and ${reason}. ` +
        "Set SERVESCOPE_AUTH_TOKEN (at least 16 characters) to serve it beyond loopback.";
}
