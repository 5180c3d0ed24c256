import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE, sessionValue } from "@/lib/auth/session";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limiter";
import { SOCKET_HEADER } from "@/lib/security/socket-stamp";
import {
  captureWarnings,
  expectApiError as expectError,
  socketHeader,
  TEST_AUTH_TOKEN as TOKEN,
} from "@/test-support/guarded-requests";
import { proxy } from "@/proxy";

/** A request as the request guard passes it on: stamped with its socket's addresses. */
function request(
  path: string,
  {
    method = "GET",
    local = "127.0.0.1",
    remote = "127.0.0.1",
    headers = {},
  }: { method?: string; local?: string; remote?: string; headers?: Record<string, string> } = {},
) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method,
    headers: {
      host: "127.0.0.1:3000",
      ...socketHeader(remote, local),
      ...headers,
    },
  });
}

const passed = (response: Response) => response.headers.get("x-middleware-next") === "1";

const logged = captureWarnings();

describe("proxy: bad requests", () => {
  it.each(["/api/endpoints/%", "/api/endpoints/%zz", "/api/endpoints/%E2%82/series"])(
    "answers %s with a 400 naming the bad encoding",
    async (path) => {
      await expectError(proxy(request(path)), 400, "bad_path");
    },
  );

  it("answers a page path with bad encoding in words", async () => {
    const response = proxy(request("/endpoints/%E2%82"));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("malformed percent-encoding");
  });

  it.each([
    ["PUT", "/", "GET, HEAD"],
    ["DELETE", "/api/endpoints", "GET, HEAD"],
    ["OPTIONS", "/api/endpoints", "GET, HEAD"],
    ["POST", "/endpoints/databricks.fraud-scorer", "GET, HEAD"],
    ["GET", "/api/login", "POST"],
  ])("answers %s %s with 405 and Allow: %s", (method, path, allow) => {
    const response = proxy(request(path, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
  });
});

describe("proxy: security headers", () => {
  it("sends a fresh script nonce to Next and the browser, without eval, framing or sniffing", () => {
    const first = proxy(request("/"));
    const second = proxy(request("/"));
    expect(passed(first)).toBe(true);
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    // Next reads the nonce for its scripts from the forwarded request header.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(Object.fromEntries(first.headers)).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "same-origin",
    });
  });

  it("puts them on refusals too", () => {
    const response = proxy(request("/api/endpoints/%"));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("proxy: loopback only without an access token", () => {
  it("serves a request on loopback that names this machine", () => {
    expect(passed(proxy(request("/api/endpoints")))).toBe(true);
    expect(passed(proxy(request("/", { local: "::ffff:127.0.0.1", headers: { host: "localhost:3000" } })))).toBe(true);
    expect(passed(proxy(request("/", { local: "::1", headers: { host: "[::1]:3000" } })))).toBe(true);
  });

  it.each([
    ["arrives on a network interface", { local: "192.0.2.2", remote: "192.0.2.9" }, "arrived on a network interface"],
    ["arrives on an IPv6 network interface", { local: "fd00::2", remote: "fd00::9" }, "arrived on a network interface"],
    ["names another host (DNS rebinding)", { headers: { host: "attacker.example" } }, "names another host"],
    ["was relayed for a remote client", { headers: { "x-forwarded-for": "203.0.113.7" } }, "relayed by a proxy"],
    ["was relayed for another host", { headers: { "x-forwarded-host": "dash.example.com" } }, "relayed by a proxy"],
    [
      "carries a forged stamp",
      { headers: { [SOCKET_HEADER]: "0000 127.0.0.1 127.0.0.1" } },
      "could not tell which interface",
    ],
  ])("refuses a request that %s", async (_, options, reason) => {
    const api = proxy(request("/api/endpoints", options));
    expect(api.status).toBe(403);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("loopback_only");
    expect(body.error.message).toContain(reason);
    expect(body.error.message).toContain("SERVESCOPE_AUTH_TOKEN");
    const page = proxy(request("/", options));
    expect(page.status).toBe(403);
    expect(await page.text()).toContain(reason);
  });

  it("leaves requests from anywhere to the access token once one is set", () => {
    vi.stubEnv("SERVESCOPE_AUTH_TOKEN", TOKEN);
    const remote = { local: "192.0.2.2", remote: "192.0.2.10", headers: { host: "dash.example.com" } };
    expect(proxy(request("/api/endpoints", remote)).status).toBe(401);
    const bearer = { ...remote, headers: { ...remote.headers, authorization: `Bearer ${TOKEN}` } };
    expect(passed(proxy(request("/api/endpoints", bearer)))).toBe(true);
    const cookie = { ...remote, headers: { ...remote.headers, cookie: `${SESSION_COOKIE}=${sessionValue(TOKEN)}` } };
    expect(passed(proxy(request("/endpoints/x", cookie)))).toBe(true);
  });
});

describe("proxy: wrong bearer tokens", () => {
  it("count towards the sign-in limit, then answer 429 with Retry-After, and the log never holds a token", async () => {
    vi.stubEnv("SERVESCOPE_AUTH_TOKEN", TOKEN);
    const guess = (token: string, remote = "198.51.100.20") =>
      proxy(request("/api/endpoints", { remote, headers: { authorization: `Bearer ${token}` } }));
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailures; i++) {
      await expectError(guess(`wrong-token-${i}`), 401, "unauthorized");
    }
    const limited = guess(TOKEN);
    await expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(passed(guess(TOKEN, "198.51.100.21"))).toBe(true);
    expect(logged).toHaveLength(SIGN_IN_LIMITS.maxFailures);
    expect(logged.at(-1)).toMatch(/bearer token refused from 198\.51\.100\.20 for \d+ s after 10 failures/);
    expect(logged.join("\n")).not.toMatch(/wrong-token|a-long-enough/);
  });
});
