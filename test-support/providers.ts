import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
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

/** The discovered endpoint of that name; fails the test when discovery missed it. */
export function findByName(endpoints: readonly DiscoveredEndpoint[], name: string): DiscoveredEndpoint {
  const found = endpoints.find((endpoint) => endpoint.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}
