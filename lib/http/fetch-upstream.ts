import { backoffDelayMs, sleep } from "./backoff";
import { parseRetryAfterMs } from "./retry-after";
import { exchange, TransportError, type TransportResponse } from "./transport";
import { formatSeconds, redactSecret, UpstreamError } from "./upstream-error";

export interface HttpOptions {
  /** Per attempt, body included. */
  timeoutMs: number;
  maxBytes: number;
  /** Extra attempts after the first, for network errors, 429 and 5xx. */
  retries: number;
  backoffBaseMs: number;
  /** A longer Retry-After fails the call instead of waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  timeoutMs: 10_000,
  maxBytes: 10 * 1024 * 1024,
  retries: 2,
  backoffBaseMs: 250,
  maxRetryAfterMs: 60_000,
};

export interface UpstreamRequest {
  url: string;
  token: string | null;
  accept: string;
  /** GET by default, POST when `json` is given: it is sent as an application/json body. */
  method?: "GET" | "POST";
  json?: unknown;
  signal?: AbortSignal;
  /** Pulls the upstream's own message out of an error body (each platform has its own JSON shape). */
  readErrorMessage?: (body: string) => string | null;
}

export interface UpstreamResponse {
  status: number;
  contentType: string | null;
  text: string;
  bytes: number;
}

type Attempt =
  | { ok: true; response: UpstreamResponse }
  /** `retryAfterMs` null: back off with jitter. */
  | { ok: false; error: UpstreamError; retryable: boolean; retryAfterMs: number | null };

function failure(
  message: string,
  status: number | null,
  retryable = false,
  retry: { afterMs: number; atMs: number } | null = null,
): Attempt {
  return {
    ok: false,
    error: new UpstreamError(message, status, retry?.atMs ?? null),
    retryable,
    retryAfterMs: retry?.afterMs ?? null,
  };
}

const MAX_SNIPPET = 200;

function snippet(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > MAX_SNIPPET ? `${line.slice(0, MAX_SNIPPET)}…` : line;
}

function describeStatus(
  response: TransportResponse,
  request: UpstreamRequest,
  options: HttpOptions,
  host: string,
): Attempt {
  const { status, text } = response;
  const upstreamMessage = request.readErrorMessage?.(text) ?? snippet(text);
  const base = `HTTP ${status} from ${host}${upstreamMessage ? `: ${upstreamMessage}` : ""}`;
  if (status >= 300 && status < 400) {
    return failure(`${base} (redirects are not followed)`, status);
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  if (!retryable) return failure(base, status);
  const now = Date.now();
  const afterMs =
    status === 429 || status === 503 ? parseRetryAfterMs(response.headers["retry-after"] ?? null, now) : null;
  const retry = afterMs === null ? null : { afterMs, atMs: now + afterMs };
  if (retry && retry.afterMs > options.maxRetryAfterMs) {
    const when = new Date(retry.atMs).toISOString();
    return failure(`${base}; retry after ${when} (in ${formatSeconds(retry.afterMs)})`, status, false, retry);
  }
  return failure(base, status, true, retry);
}

async function attemptOnce(request: UpstreamRequest, options: HttpOptions, host: string): Promise<Attempt> {
  const headers: Record<string, string> = {
    Accept: request.accept,
    "Accept-Encoding": "gzip, deflate",
    "User-Agent": "servescope",
  };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const method = request.method ?? (body === undefined ? "GET" : "POST");
  try {
    const response = await exchange({
      url: new URL(request.url),
      method,
      headers,
      ...(body !== undefined && { body }),
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      ...(request.signal && { signal: request.signal }),
    });
    if (response.status >= 200 && response.status < 300) {
      const { status, text, bytes } = response;
      return { ok: true, response: { status, contentType: response.headers["content-type"] ?? null, text, bytes } };
    }
    return describeStatus(response, request, options, host);
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    const { status } = error;
    switch (error.kind) {
      case "cancelled":
        return failure(`request to ${host} was cancelled`, status);
      case "timed-out":
        return failure(`request to ${host} timed out after ${formatSeconds(options.timeoutMs)}`, status);
      case "too-large":
        return failure(`response from ${host} larger than ${formatSize(options.maxBytes)}`, status);
      case "incomplete":
        return failure(`connection to ${host} closed before the response was complete`, status, true);
      case "unreachable":
        return failure(`could not reach ${host}: ${error.code ?? "network error"}`, null, true);
    }
  }
}

function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Calls one upstream URL (GET, or POST with a JSON body) with a timeout, a body cap, retries with
 * jittered backoff (network errors, 408, 429, 5xx) and Retry-After honoured up to a bound. Resolves
 * with a 2xx response; otherwise throws UpstreamError whose message names the host and never the token.
 */
export async function fetchUpstream(request: UpstreamRequest, options: HttpOptions): Promise<UpstreamResponse> {
  const host = new URL(request.url).host;
  for (let attempt = 0; ; attempt += 1) {
    const result = await attemptOnce(request, options, host);
    if (result.ok) return result.response;
    const { error, retryable, retryAfterMs } = result;
    if (!retryable || attempt >= options.retries) {
      throw new UpstreamError(redactSecret(error.message, request.token), error.status, error.retryAtMs);
    }
    const delayMs = retryAfterMs ?? backoffDelayMs(attempt, options.backoffBaseMs);
    try {
      await sleep(delayMs, request.signal);
    } catch {
      throw new UpstreamError(`request to ${host} was cancelled`, error.status);
    }
  }
}
