import { describe, expect, it, vi } from "vitest";
import { TEST_ENDPOINTS, TEST_SECRETS, TEST_SOURCES } from "@/test-support/integration-endpoints";

vi.mock("@/lib/server/runtime", () => ({
  getRuntime: () => ({
    config: { sources: TEST_SOURCES, secretsDir: "/run/servescope", scrapeIntervalOverrideS: null },
    endpoints: () => TEST_ENDPOINTS,
  }),
}));

const { GET } = await import("./route");

describe("GET /api/integrations/prometheus.yml", () => {
  it("answers the YAML with token file paths under the configured secrets dir, never a token", async () => {
    const response = await GET();
    expect(response.headers.get("content-type")).toBe("text/yaml; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("credentials_file: /run/servescope/dbx.token");
    for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
  });
});
