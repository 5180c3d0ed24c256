import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEvents } from "@/app/api/endpoints/[id]/events/route";
import { ApiErrorSchema, EventsResponseSchema } from "@/lib/api/schemas";
import { CONFIG_CHANGE_OFFSET_MS } from "@/lib/simulation/config-changes";
import { MINUTE_MS } from "@/lib/simulation/traffic";
import { startServerHarness } from "@/test-support/server-harness";

const ANCHOR = Date.UTC(2026, 10, 23, 12, 10);
const RECSYS = "databricks.recsys-features";
/** The fake workspace's clock, moved by the test. */
let clockMs = ANCHOR + MINUTE_MS;
let harness: Awaited<ReturnType<typeof startServerHarness>>;

async function events(id: string, query = "") {
  const response = await getEvents(new Request(`http://127.0.0.1/api/endpoints/${id}/events${query}`), {
    params: Promise.resolve({ id }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

beforeAll(async () => {
  harness = await startServerHarness(
    { SERVESCOPE_DISCOVERY_INTERVAL_S: "3600" },
    { now: () => clockMs, anchorMs: ANCHOR },
  );
});
afterAll(() => harness?.close());

describe("GET /api/endpoints/{id}/events", () => {
  it("lists the config change the collector found between two discoveries", async () => {
    const startedMs = Date.now();
    expect(EventsResponseSchema.parse((await events(RECSYS)).json).events).toEqual([]);
    clockMs = ANCHOR + CONFIG_CHANGE_OFFSET_MS + MINUTE_MS;
    await harness.runtime.collector.discoverNow();
    const { status, json } = await events(RECSYS);
    expect(status).toBe(200);
    const body = EventsResponseSchema.parse(json);
    expect(body.truncated).toBe(false);
    expect(body.events).toEqual([
      {
        atMs: expect.any(Number),
        kind: "config",
        text: expect.stringMatching(/^config (\d+) → \d+: prod\.recsys\.user_features_spec \d+ → \d+$/),
      },
    ]);
    expect(body.events[0]!.atMs).toBeGreaterThanOrEqual(startedMs);
    // Only in the range asked for, and only this endpoint's.
    const before = `?from=${startedMs - 3_600_000}&to=${startedMs - 1}`;
    expect(EventsResponseSchema.parse((await events(RECSYS, before)).json).events).toEqual([]);
    expect(EventsResponseSchema.parse((await events("databricks.fraud-scorer")).json).events).toEqual([]);
  });

  it.each([
    ["?from=10&to=5", '"from" (10) must be before "to" (5)'],
    ["?from=0&to=8000000000", "range of 93 days exceeds the maximum of 90 days"],
    ["?to=soon", 'parameter "to": must be a whole number of milliseconds, in decimal digits'],
    ["?kind=config", 'unknown parameter "kind"'],
  ])("answers 400 for %s", async (query, message) => {
    const { status, json } = await events(RECSYS, query);
    expect(status).toBe(400);
    expect(ApiErrorSchema.parse(json).error).toEqual({ code: "bad_parameter", message });
  });

  it("answers 404 for an unknown endpoint", async () => {
    expect((await events("databricks.nowhere")).status).toBe(404);
  });
});
