import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEndpoint } from "@/app/api/endpoints/[id]/route";
import { GET as getMetrics } from "@/app/metrics/route";
import { EndpointDetailSchema } from "@/lib/api/schemas";
import { startServerHarness } from "@/test-support/server-harness";
import { waitForAsync } from "@/test-support/wait-for";

let harness: Awaited<ReturnType<typeof startServerHarness>>;
const ID = "huggingface.sentiment-prod";
const FLOOD = 'http_requests{replica_id="r-flood",status_code="{i}"} 1';

beforeAll(async () => {
  harness = await startServerHarness();
}, 60_000);
afterAll(() => harness?.close());

async function detail() {
  const response = await getEndpoint(new Request(`http://127.0.0.1/api/endpoints/${ID}`), {
    params: Promise.resolve({ id: ID }),
  });
  return EndpointDetailSchema.parse(await response.json());
}

describe("an exporter with 100,000 distinct values of one label", () => {
  it("is cut to the per-scrape series limit, and the scrape says so", async () => {
    await waitForAsync(async () => (await detail()).lastScrape?.ok === true);
    harness.fakes.setFault(`huggingface:sentiment-prod`, { kind: "cardinality", line: FLOOD, series: 100_000 });
    let warnings: string[] = [];
    await waitForAsync(async () => {
      warnings = (await detail()).lastScrape?.warnings ?? [];
      return warnings.length > 0;
    }, 60_000);
    harness.fakes.setFault(`huggingface:sentiment-prod`, null);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^dropped 90,0\d\d of 100,0\d\d series: at most 10,000 series per scrape \(SERVESCOPE_MAX_SERIES_PER_SCRAPE\)$/,
      ),
    ]);

    harness.runtime.collector.flush();
    const now = Date.now();
    const { series } = harness.runtime.store.readWindows({
      endpointId: ID,
      metric: "requests_total",
      fromMs: now - 600_000,
      toMs: now,
      stepMs: 600_000,
    });
    expect(series.length).toBeLessThanOrEqual(10_000);
    expect(series.filter((s) => s.labels.replica === "r-flood").length).toBeGreaterThan(9_000);

    const text = await (await getMetrics()).text();
    const reexported = text.split("\n").filter((line) => line.startsWith(`servescope_requests_total{`));
    expect(reexported.filter((line) => line.includes(`endpoint="${ID}"`)).length).toBeLessThanOrEqual(10_000);
    const dropped = /^servescope_ingest_dropped_samples_total\{reason="series_limit"\} (\d+)$/m.exec(text)?.[1];
    expect(Number(dropped)).toBeGreaterThanOrEqual(90_000);
  }, 90_000);
});
