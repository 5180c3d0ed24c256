import { REDACTED } from "./redact";

/**
 * A failed upstream call, with a message a user can read. `status` is the HTTP status of the last
 * attempt, or null when no response arrived (timeout, refused connection, cut-off body).
 * `retryAtMs` is when the upstream's Retry-After allows the next request, null without one.
 */
export class UpstreamError extends Error {
  override name = "UpstreamError";

  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAtMs: number | null = null,
  ) {
    super(message);
  }
}

/** Replaces every occurrence of a secret, so no message can leak it even if an upstream echoes it. */
export function redactSecret(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join(REDACTED);
}

/** "1 s", "0.25 s", "10 s": durations as a user reads them. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
