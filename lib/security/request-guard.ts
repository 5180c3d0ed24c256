import "server-only";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { SECURITY_HEADERS } from "./security-headers";
import { SOCKET_HEADER, toSocketStamp } from "./socket-stamp";

/** Methods the Fetch API cannot represent: Next answers them with a 500 and a stack trace in the log. */
const UNSUPPORTED_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
const GUARDED = new WeakSet<Emit>();

/** Answers a request Next cannot handle (true), or stamps it with its socket's addresses for the app. */
function answeredHere(request: IncomingMessage, response: ServerResponse): boolean {
  if (UNSUPPORTED_METHODS.has(request.method ?? "")) {
    response.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD, POST", "content-type": "text/plain" });
    response.end(`method ${request.method} is not allowed\n`);
    return true;
  }
  const { localAddress = "", remoteAddress = "" } = request.socket;
  request.headers[SOCKET_HEADER] = toSocketStamp({ localAddress, remoteAddress });
  return false;
}

/**
 * Wraps the servers' request event, as OpenTelemetry's HTTP instrumentation does, since Next lets
 * the app see no socket: answers 405 to methods Next cannot handle, and stamps every other request
 * with its socket's addresses (replacing any such header a client sent), for the loopback rule and
 * the sign-in limit. `target` is one server in tests, every server of the process by default.
 */
export function installRequestGuard(target: { emit: Server["emit"] } = Server.prototype): void {
  const emit = target.emit as Emit;
  if (GUARDED.has(emit)) return;
  const guarded: Emit = function (this: unknown, event, ...args) {
    if (event === "request" && answeredHere(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    return emit.call(this, event, ...args);
  };
  GUARDED.add(guarded);
  target.emit = guarded as Server["emit"];
}
