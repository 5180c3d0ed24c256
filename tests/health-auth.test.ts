import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getHealth } from "@/app/api/health/route";
import { HealthDetailSchema } from "@/lib/api/schemas";
import { SESSION_COOKIE, sessionValue } from "@/lib/auth/session";
import { startServerHarness } from "@/test-support/server-harness";

const AUTH_TOKEN = "an-access-token-of-some-length";
let harness: Awaited<ReturnType<typeof startServerHarness>>;

beforeAll(async () => {
  harness = await startServerHarness({ SERVESCOPE_AUTH_TOKEN: AUTH_TOKEN });
}, 60_000);
afterAll(() => harness?.close());

async function health(headers: Record<string, string> = {}) {
  const response = await getHealth(new NextRequest("http://127.0.0.1/api/health", { headers }));
  return { status: response.status, body: await response.text() };
}

describe("GET /api/health with sign-in required", () => {
  it("tells an anonymous caller only that the server is alive", async () => {
    const anonymous: Record<string, string>[] = [{}, { authorization: "Bearer not-the-token-at-all" }];
    for (const headers of anonymous) {
      const { status, body } = await health(headers);
      expect(status).toBe(200);
      expect(JSON.parse(body)).toEqual({ status: "ok" });
      expect(body).not.toContain("huggingface");
    }
  });

  it("gives full detail to a signed-in browser and to a bearer of the token", async () => {
    const signedIn: Record<string, string>[] = [
      { cookie: `${SESSION_COOKIE}=${sessionValue(AUTH_TOKEN)}` },
      { authorization: `Bearer ${AUTH_TOKEN}` },
    ];
    for (const headers of signedIn) {
      const detail = HealthDetailSchema.parse(JSON.parse((await health(headers)).body));
      expect(detail.collector.sources.map((s) => s.id)).toEqual(["databricks", "huggingface"]);
      expect(detail.store.bytes).toBeGreaterThan(0);
    }
  });
});
