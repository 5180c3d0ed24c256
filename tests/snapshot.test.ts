import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getSnapshot } from "@/app/api/endpoints/[id]/snapshot/route";
import { SnapshotSchema } from "@/lib/api/schemas";
import { SNAPSHOT_DEFAULTS } from "@/lib/server/snapshot";
import { startServerHarness } from "@/test-support/server-harness";
import { waitFor } from "@/test-support/wait-for";

let harness: Awaited<ReturnType<typeof startServerHarness>>;

// One collector scrape at start, then none for an hour: every later upstream call is a snapshot's.
beforeAll(async () => {
  harness = await startServerHarness({ SERVESCOPE_SCRAPE_INTERVAL_S: "3600" });
  await waitFor(() => harness.runtime.collector.state().scrapes >= harness.runtime.collector.state().eligible);
}, 60_000);
afterAll(() => harness?.close());

const snapshot = (id: string) =>
  getSnapshot(new Request(`http://127.0.0.1/api/endpoints/${id}/snapshot`), { params: Promise.resolve({ id }) });
const metricsCalls = (since: number) =>
  harness.fakes.received.slice(since).filter((r) => /\/(metrics|open-metrics)$/.test(r.path));

describe("GET /api/endpoints/{id}/snapshot under load", () => {
  it("answers 200 concurrent requests for one endpoint with one upstream call", async () => {
    const before = harness.fakes.received.length;
    const responses = await Promise.all(Array.from({ length: 200 }, () => snapshot("huggingface.sentiment-prod")));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(SnapshotSchema.parse(JSON.parse(bodies[0] ?? "")).endpointId).toBe("huggingface.sentiment-prod");
    expect(metricsCalls(before)).toHaveLength(1);
    // A request a moment later is served from the same scrape too.
    await snapshot("huggingface.sentiment-prod");
    expect(metricsCalls(before)).toHaveLength(1);
  });

  it("runs at most a few snapshot scrapes at once, however many endpoints are asked for", async () => {
    const ids = harness.runtime
      .endpoints()
      // Not a scale-to-zero endpoint: the simulation puts it to sleep every 30 minutes, whatever the test does.
      .filter((e) => e.metrics.available && e.scaling.scaleToZero !== true && e.id !== "huggingface.sentiment-prod")
      .map((e) => e.id);
    expect(ids.length).toBeGreaterThan(SNAPSHOT_DEFAULTS.maxInFlight);
    // Each upstream call takes 1.5 s: calls that arrive within the first second ran at the same time.
    harness.fakes.setFault("huggingface", { kind: "slow", delayMs: 1500 });
    harness.fakes.setFault("databricks", { kind: "slow", delayMs: 1500 });
    const before = harness.fakes.received.length;
    const startedAt = Date.now();
    try {
      const responses = await Promise.all(ids.map((id) => snapshot(id)));
      // An id with its error body when it fails: the message says which upstream and why.
      const outcomes = await Promise.all(
        responses.map(async (r, k) => (r.status === 200 ? `${ids[k]} 200` : `${ids[k]} ${r.status} ${await r.text()}`)),
      );
      expect(outcomes).toEqual(ids.map((id) => `${id} 200`));
    } finally {
      harness.fakes.setFault("huggingface", null);
      harness.fakes.setFault("databricks", null);
    }
    const calls = metricsCalls(before);
    expect(calls).toHaveLength(ids.length);
    expect(calls.filter((r) => r.at < startedAt + 1000).length).toBeLessThanOrEqual(SNAPSHOT_DEFAULTS.maxInFlight);
  }, 60_000);
});
