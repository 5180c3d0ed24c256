import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getSnapshot } from "@/app/api/endpoints/[id]/snapshot/route";
import { GET as listEndpoints } from "@/app/api/endpoints/route";
import { GET as getMetrics } from "@/app/metrics/route";
import { SnapshotSchema } from "@/lib/api/schemas";
import { startServerHarness } from "@/test-support/server-harness";
import { waitFor } from "@/test-support/wait-for";

let harness: Awaited<ReturnType<typeof startServerHarness>>;
const ID = "huggingface.sentiment-prod";

beforeAll(async () => {
  harness = await startServerHarness();
}, 60_000);
afterAll(() => harness?.close());

const snapshot = () =>
  getSnapshot(new Request(`http://127.0.0.1/api/endpoints/${ID}/snapshot`), { params: Promise.resolve({ id: ID }) });

describe("an upstream that echoes the Authorization header into a label", () => {
  it("has it redacted in the snapshot", async () => {
    harness.fakes.setFault("huggingface:sentiment-prod", {
      kind: "echo-authorization",
      line: 'upstream_request_info{authorization="{authorization}"} 1',
    });
    const response = await snapshot();
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).not.toContain(harness.fakes.huggingface.token);
    const family = SnapshotSchema.parse(JSON.parse(body)).families.find((f) => f.name === "upstream_request_info");
    expect(family?.samples[0]?.labels).toEqual({ authorization: "Bearer ***" });
  });

  it("has it redacted in the stored labels, the /metrics re-export and the API", async () => {
    harness.fakes.setFault("huggingface:sentiment-prod", {
      kind: "echo-authorization",
      line: 'http_requests{replica_id="{authorization}",status_code="200"} 7',
    });
    const now = Date.now();
    const range = { endpointId: ID, metric: "requests_total" as const, fromMs: now - 600_000, stepMs: 600_000 };
    const series = await waitFor(() => {
      harness.runtime.collector.flush();
      const { series } = harness.runtime.store.readWindows({ ...range, toMs: Date.now() + 600_000 });
      return series.some((s) => s.labels.replica?.includes("***")) ? series : null;
    });
    harness.fakes.setFault("huggingface:sentiment-prod", null);
    const replicas = series.map((s) => s.labels.replica ?? "");
    expect(replicas).toContain("Bearer ***");
    for (const replica of replicas) expect(replica).not.toContain(harness.fakes.huggingface.token);

    const metrics = await (await getMetrics()).text();
    expect(metrics).toContain(`replica="Bearer ***"`);
    const endpoints = await (await listEndpoints()).text();
    for (const token of harness.tokens) {
      expect(metrics).not.toContain(token);
      expect(endpoints).not.toContain(token);
    }
  });
});
