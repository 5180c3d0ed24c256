import { describe, expect, it, vi } from "vitest";
import { TEST_ENDPOINTS, TEST_SECRETS, TEST_SOURCES } from "@/test-support/integration-endpoints";

vi.mock("@/lib/server/runtime", () => ({
  getRuntime: () => ({
    config: { sources: TEST_SOURCES, secretsDir: "./secrets", scrapeIntervalOverrideS: 5 },
    endpoints: () => TEST_ENDPOINTS,
  }),
}));

const { GET } = await import("./route");

describe("GET /api/integrations/datadog.yaml", () => {
  it("answers the check's YAML with secret handles and the interval override", async () => {
    const response = await GET();
    expect(response.headers.get("content-type")).toBe("text/yaml; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("Authorization: Bearer ENC[servescope_dbx_token]");
    expect(text).toContain("min_collection_interval: 5");
    for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
  });
});
