import type { HttpOptions } from "@/lib/http";
import { DEFAULT_HTTP_OPTIONS } from "@/lib/http";

/** Short timeouts and backoff so contract tests stay fast. */
export const TEST_HTTP_OPTIONS: HttpOptions = {
  ...DEFAULT_HTTP_OPTIONS,
  timeoutMs: 1_000,
  retries: 2,
  backoffBaseMs: 5,
  maxRetryAfterMs: 2_000,
  maxBytes: 1024 * 1024,
};
