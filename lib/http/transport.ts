import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { createGunzip, createInflate, type Gunzip, type Inflate } from "node:zlib";

/**
 * One HTTP exchange on node:http with keep-alive agents. The collector makes thousands of these a
 * minute: global fetch spent a third of its CPU in web streams, signal plumbing and per-call
 * Response objects, none of which a capped text read needs.
 */
export interface TransportRequest {
  url: URL;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, body included. */
  timeoutMs: number;
  /** Decoded bytes; a larger body is refused. */
  maxBytes: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  bytes: number;
}

export type TransportFailure = "cancelled" | "timed-out" | "too-large" | "incomplete" | "unreachable";

/** `status` is known once the headers arrived; `code` names a network error (ECONNREFUSED…). */
export class TransportError extends Error {
  override name = "TransportError";
  constructor(
    readonly kind: TransportFailure,
    readonly status: number | null,
    readonly code: string | null = null,
  ) {
    super(kind);
  }
}

/**
 * A socket idle this long in the pool is closed (undici's default too): a host scraped each minute
 * then opens a fresh one, rather than thousands of hosts each holding one the server may drop first.
 */
export const IDLE_SOCKET_MS = 4_000;

// Keep-alive with LIFO reuse: a busy host keeps a few warm sockets, idle ones age out.
const AGENTS = {
  "http:": new http.Agent({ keepAlive: true, scheduling: "lifo", timeout: IDLE_SOCKET_MS }),
  "https:": new https.Agent({ keepAlive: true, scheduling: "lifo", timeout: IDLE_SOCKET_MS }),
} as const;

const REQUEST = { "http:": http.request, "https:": https.request } as const;

function decoder(response: IncomingMessage): Gunzip | Inflate | IncomingMessage {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return response.pipe(createGunzip());
  if (encoding === "deflate") return response.pipe(createInflate());
  return response;
}

function networkCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : null;
}

/** A kept-alive socket the server had closed while idle: nothing was sent, so a fresh one may try. */
class StaleSocket extends Error {}

function exchangeOnce(request: TransportRequest, deadlineMs: number): Promise<TransportResponse> {
  const protocol = request.url.protocol === "https:" ? "https:" : "http:";
  return new Promise((resolve, reject) => {
    let status: number | null = null;
    let settled = false;
    const finish = (outcome: TransportResponse | TransportError | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      if (outcome instanceof Error) {
        req.destroy();
        reject(outcome);
      } else resolve(outcome);
    };
    const onAbort = (): void => finish(new TransportError("cancelled", status));
    const timer = setTimeout(() => finish(new TransportError("timed-out", status)), deadlineMs - Date.now());

    const req = REQUEST[protocol](request.url, {
      method: request.method,
      headers:
        request.body === undefined
          ? request.headers
          : { ...request.headers, "Content-Length": Buffer.byteLength(request.body) },
      agent: AGENTS[protocol],
    });
    req.on("error", (error) => {
      if (status !== null) return finish(new TransportError("incomplete", status));
      const code = networkCode(error);
      const stale = req.reusedSocket && (code === "ECONNRESET" || code === "EPIPE");
      finish(stale ? new StaleSocket() : new TransportError("unreachable", null, code));
    });
    req.on("response", (response) => {
      status = response.statusCode ?? 0;
      const declared = Number.parseInt(response.headers["content-length"] ?? "", 10);
      if (declared > request.maxBytes && !response.headers["content-encoding"]) {
        response.resume();
        return finish(new TransportError("too-large", status));
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      const body = decoder(response);
      body.on("data", (chunk: Buffer) => {
        if (settled) return;
        bytes += chunk.byteLength;
        if (bytes > request.maxBytes) finish(new TransportError("too-large", status));
        else chunks.push(chunk);
      });
      const incomplete = (): void => finish(new TransportError("incomplete", status));
      body.on("error", incomplete);
      response.on("error", incomplete);
      response.on("aborted", incomplete);
      body.on("end", () => {
        if (!response.complete) return incomplete();
        const text = Buffer.concat(chunks, bytes).toString("utf8");
        // As fetch's text(): a UTF-8 byte order mark is not part of the text.
        finish({
          status: status ?? 0,
          headers: response.headers,
          text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
          bytes,
        });
      });
    });
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.end(request.body);
  });
}

/**
 * Resolves with any status (redirects are not followed); rejects with TransportError. A reused
 * keep-alive socket that turns out closed is retried once on a fresh one, inside the same deadline.
 */
export async function exchange(request: TransportRequest): Promise<TransportResponse> {
  const deadlineMs = Date.now() + request.timeoutMs;
  try {
    return await exchangeOnce(request, deadlineMs);
  } catch (error) {
    if (!(error instanceof StaleSocket)) throw error;
    return exchangeOnce(request, deadlineMs).catch((retried: unknown) => {
      throw retried instanceof StaleSocket ? new TransportError("unreachable", null, "ECONNRESET") : retried;
    });
  }
}
