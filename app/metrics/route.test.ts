import { describe, expect, it, vi } from "vitest";
import type { SelfMetricsInput } from "@/lib/export/self-metrics";

const input: SelfMetricsInput = {
  endpoints: [],
  lastScrapes: {},
  lastSuccessAt: {},
  latestSamples: {},
  storeBytes: 123,
  ingest: null,
};
vi.mock("@/lib/server/runtime", () => ({ getRuntime: () => ({ selfMetricsInput: () => input }) }));

const { GET } = await import("./route");

describe("GET /metrics", () => {
  it("answers OpenMetrics 1.0 text", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
    expect(await response.text()).toBe(
      "# TYPE servescope_store_size_bytes gauge\n# UNIT servescope_store_size_bytes bytes\n# HELP servescope_store_size_bytes Size of the embedded store on disk.\nservescope_store_size_bytes 123\n# EOF\n",
    );
  });
});
