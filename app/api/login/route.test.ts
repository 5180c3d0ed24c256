import { beforeEach, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE, sessionValue } from "@/lib/auth/session";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limiter";
import {
  captureWarnings,
  expectApiError as expectError,
  socketHeader,
  TEST_AUTH_TOKEN as TOKEN,
} from "@/test-support/guarded-requests";
import { POST } from "./route";

const ORIGIN = "http://127.0.0.1:3000";

/** A sign-in as the dashboard's own page sends it, from a client at `remote`; a null header is left out. */
function signIn(body: string, { remote = "127.0.0.1", headers = {} as Record<string, string | null> } = {}) {
  const all: Record<string, string | null> = {
    host: "127.0.0.1:3000",
    origin: ORIGIN,
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
    ...socketHeader(remote),
    ...headers,
  };
  const sent = Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null);
  return POST(new Request(`${ORIGIN}/api/login`, { method: "POST", body, headers: sent }));
}
const token = (value: string) => JSON.stringify({ token: value });

const logged = captureWarnings();
beforeEach(() => vi.stubEnv("SERVESCOPE_AUTH_TOKEN", TOKEN));

describe("POST /api/login", () => {
  it("exchanges the right token for an HttpOnly, SameSite=Strict session cookie", async () => {
    const response = await signIn(token(TOKEN));
    expect(response.status).toBe(204);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${SESSION_COOKIE}=${sessionValue(TOKEN)};`);
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
  });

  it.each([
    ["a cross-site form", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["a cross-site fetch from an older browser", { origin: "https://evil.example", "sec-fetch-site": null }],
    ["a sandboxed page", { origin: "null" }],
    ["a sibling site", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" }],
  ])("refuses %s, even with the right token", async (_, headers) => {
    const response = await signIn(token(TOKEN), { headers });
    await expectError(response, 403, "cross_site");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("accepts a script that sends no Origin, and the forwarded host behind a proxy", async () => {
    expect((await signIn(token(TOKEN), { headers: { origin: null, "sec-fetch-site": null } })).status).toBe(204);
    const proxied = { origin: "https://dash.example.com", "x-forwarded-host": "dash.example.com" };
    expect((await signIn(token(TOKEN), { headers: proxied })).status).toBe(204);
  });

  it.each([
    ["text/plain", "text/plain;charset=UTF-8"],
    ["a form", "application/x-www-form-urlencoded"],
  ])("refuses %s, the bodies a cross-site page can send without asking", async (_, contentType) => {
    await expectError(
      await signIn(token(TOKEN), { headers: { "content-type": contentType } }),
      415,
      "bad_content_type",
    );
  });

  it("limits failed sign-ins per client address: 429 with Retry-After, a log line without the token", async () => {
    const remote = "203.0.113.5";
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailures; i++) {
      await expectError(await signIn(token(`guess-number-${i}`), { remote }), 401, "unauthorized");
    }
    const limited = await signIn(token(TOKEN), { remote });
    await expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBe(SIGN_IN_LIMITS.windowMs / 1000);
    expect((await signIn(token(TOKEN), { remote: "203.0.113.6" })).status).toBe(204);
    expect(logged[0]).toBe("servescope: sign-in failed from 203.0.113.5 (1 of 10 allowed in 5 min)");
    expect(logged.at(-1)).toBe("servescope: sign-in refused from 203.0.113.5 for 300 s after 10 failures in 5 min");
    expect(logged.join("\n")).not.toMatch(/guess-number|a-long-enough/);
  });
});
