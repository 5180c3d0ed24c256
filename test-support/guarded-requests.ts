import { afterEach, beforeEach, expect, vi } from "vitest";
import { SOCKET_HEADER, toSocketStamp } from "@/lib/security/socket-stamp";

/** An access token of the length the configuration requires. */
export const TEST_AUTH_TOKEN = "a-long-enough-access-token";

/** The header the request guard adds to a request that came on `local` from `remote`. */
export function socketHeader(remote = "127.0.0.1", local = "127.0.0.1"): Record<string, string> {
  return { [SOCKET_HEADER]: toSocketStamp({ localAddress: local, remoteAddress: remote }) };
}

export async function expectApiError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

/** What the server warns during each test (console.warn), with stubbed environment variables undone after it. */
export function captureWarnings(): string[] {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return lines;
}
