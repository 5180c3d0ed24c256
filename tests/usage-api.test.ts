import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEndpoint } from "@/app/api/endpoints/[id]/route";
import { GET as getSeries } from "@/app/api/endpoints/[id]/series/route";
import { GET as listEndpoints } from "@/app/api/endpoints/route";
import { EndpointDetailSchema, EndpointListSchema, SeriesResponseSchema, type SeriesResponse } from "@/lib/api/schemas";
import { PAY_PER_TOKEN_NO_WAREHOUSE_REASON } from "@/lib/providers/databricks/eligibility";
import { sparklineValue } from "@/lib/query";
import { findDatabricksEndpoint } from "@/lib/simulation/databricks-catalog";
import { usageInMinute, type UsageRecord } from "@/lib/simulation/serving-usage";
import { MINUTE_MS } from "@/lib/simulation/traffic";
import { startServerHarness } from "@/test-support/server-harness";

const NAME = "databricks-meta-llama-3-3-70b-instruct";
const ID = `databricks.${NAME}`;
const STEP = 5 * MINUTE_MS;
let harness: Awaited<ReturnType<typeof startServerHarness>>;

async function series(query: string): Promise<SeriesResponse> {
  const response = await getSeries(new Request(`http://127.0.0.1/api/endpoints/${ID}/series?${query}`), {
    params: Promise.resolve({ id: ID }),
  });
  expect(response.status).toBe(200);
  return SeriesResponseSchema.parse(await response.json());
}

/**
 * Per key, the simulation's requests (or what `valueOf` counts of each) in each window (t − step, t]
 * of the grid, per second; null for a window without any request.
 */
function simulatedRates(
  fromMs: number,
  toMs: number,
  stepMs: number,
  keyOf: (request: UsageRecord) => string,
  valueOf: (request: UsageRecord) => number = () => 1,
) {
  const def = findDatabricksEndpoint(NAME)!;
  const rates = new Map<string, Array<number | null>>();
  const n = (toMs - fromMs) / stepMs + 1;
  const counts = Array.from({ length: n }, () => new Map<string, number>());
  for (let minute = fromMs - stepMs; minute < toMs; minute += MINUTE_MS) {
    for (const request of usageInMinute(def, minute)) {
      const k = Math.ceil((request.requestTimeMs - fromMs) / stepMs);
      if (k < 0 || k >= n) continue;
      const key = keyOf(request);
      counts[k]!.set(key, (counts[k]!.get(key) ?? 0) + valueOf(request));
    }
  }
  for (const key of new Set(counts.flatMap((bucket) => [...bucket.keys()]))) {
    rates.set(
      key,
      counts.map((bucket) => (bucket.size === 0 ? null : (bucket.get(key) ?? 0) / (stepMs / 1000))),
    );
  }
  return Object.fromEntries([...rates].sort(([a], [b]) => a.localeCompare(b)));
}

const valuesOf = (response: SeriesResponse) =>
  Object.fromEntries(response.series.map((s) => [s.name, s.points.map(([, v]) => v)]));

describe("pay-per-token usage with a SQL warehouse", () => {
  beforeAll(async () => {
    harness = await startServerHarness((fakes) => ({ DATABRICKS_WAREHOUSE_ID: fakes.sqlWarehouse.id }));
  });
  afterAll(() => harness?.close());

  // Whole windows well before now: every row is in the table.
  const toMs = Math.floor(Date.now() / STEP) * STEP - 2 * STEP;
  const fromMs = toMs - 3 * 3_600_000;

  it("answers requests by code, on the query's grid, with the simulation's numbers", async () => {
    const response = await series(`panel=requests&by=code&from=${fromMs}&to=${toMs}&step=${STEP}`);
    expect(response).toMatchObject({ panel: "requests", unit: "req/s", from: fromMs, to: toMs, stepMs: STEP });
    expect(response.series.map((s) => s.labels)).toEqual(response.series.map((s) => ({ code: s.name })));
    expect(response.series[0]!.points.map(([t]) => t)).toEqual(Array.from({ length: 37 }, (_, k) => fromMs + k * STEP));
    const expected = simulatedRates(fromMs, toMs, STEP, (request) => String(request.statusCode));
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(["200", "429"]));
    expect(valuesOf(response)).toEqual(expected);
    expect(response.source).toMatchObject({
      label: "system.serving.endpoint_usage",
      lagNote: expect.stringContaining("lag"),
    });
    expect(response.source?.asOfMs).toBeLessThanOrEqual(toMs);
    expect(response.source?.asOfMs).toBeGreaterThan(toMs - STEP);
  });

  it("answers requests by class by default", async () => {
    const response = await series(`panel=requests&from=${fromMs}&to=${toMs}&step=${STEP}`);
    expect(valuesOf(response)).toEqual(
      simulatedRates(fromMs, toMs, STEP, (request) => `${String(request.statusCode)[0]}xx`),
    );
  });

  it("answers tokens per second: input tokens as the prompt, output tokens as the generation", async () => {
    const response = await series(`panel=tokens&from=${fromMs}&to=${toMs}&step=${STEP}`);
    expect(response.unit).toBe("tok/s");
    const [prompt, generation] = ["inputTokenCount", "outputTokenCount"].map(
      (field) =>
        simulatedRates(
          fromMs,
          toMs,
          STEP,
          () => "all",
          (request) => request[field as "inputTokenCount"],
        ).all,
    );
    expect(valuesOf(response)).toEqual({ prompt, generation });
  });

  it("offers the views its usage panels are in", async () => {
    const response = await getEndpoint(new Request(`http://127.0.0.1/api/endpoints/${ID}`), {
      params: Promise.resolve({ id: ID }),
    });
    expect(EndpointDetailSchema.parse(await response.json()).views).toEqual([
      "requests",
      "hardware",
      "timeline",
      "llm",
    ]);
  });

  it("does not report what the usage tables do not hold", async () => {
    const response = await series(`panel=latency&from=${fromMs}&to=${toMs}`);
    expect(response.series).toEqual([]);
    expect(response.notReported).toBe("not in system.serving.endpoint_usage (requests and tokens only)");
  });

  it("shows the fleet's request rate from usage: one statement for the workspace, reused while it is fresh", async () => {
    const fleetStatements = () =>
      harness.fakes.sqlWarehouse.received.filter((s) =>
        s.request.statement.includes("e.endpoint_name AS endpoint_name"),
      );
    const first = EndpointListSchema.parse(await (await listEndpoints()).json());
    const after = fleetStatements().length;
    const second = EndpointListSchema.parse(await (await listEndpoints()).json());
    expect(after).toBeGreaterThan(0);
    expect(fleetStatements().length).toBe(after);
    const llama = first.endpoints.find((e) => e.id === ID)!;
    expect(llama.metrics.available).toBe(false);
    expect(llama.headlineSource).toContain("system.serving.endpoint_usage");
    expect(second.endpoints.find((e) => e.id === ID)?.headline).toEqual(llama.headline);
    // The statement's own grid: the headline is the last five one-minute windows of the sparkline.
    const parameters = new Map(
      fleetStatements()
        .at(-1)!
        .request.parameters!.map((p) => [p.name, p.value]),
    );
    const gridFrom = Number(parameters.get("from_us")) / 1000;
    const { fromMs, stepMs, values } = llama.sparkline!;
    expect([fromMs, stepMs]).toEqual([gridFrom, MINUTE_MS]);
    const gridTo = fromMs + (values.length - 1) * stepMs;
    const expected = simulatedRates(gridFrom, gridTo, MINUTE_MS, () => "all").all!;
    // The last window holds the current minute, which the table does not have yet.
    expect(values.slice(0, -1)).toEqual(expected.slice(0, -1).map(sparklineValue));
    expect([null, sparklineValue(expected.at(-1)!)]).toContain(values.at(-1));
    // The sparkline is rounded for drawing; the headline is the windows' exact mean.
    const recent = [...expected.slice(0, -1), values.at(-1) === null ? null : expected.at(-1)!].slice(-5);
    const rate = recent.every((v) => v === null) ? null : recent.reduce<number>((sum, v) => sum + (v ?? 0), 0) / 5;
    if (rate === null) expect(llama.headline.requestRate).toBeNull();
    else expect(llama.headline.requestRate).toBeCloseTo(rate, 12);
    expect(llama.headline.tokenRate).toBeGreaterThan((llama.headline.requestRate ?? 0) * 40);
  });
});

describe("pay-per-token usage without a SQL warehouse", () => {
  beforeAll(async () => {
    harness = await startServerHarness();
  });
  afterAll(() => harness?.close());

  it("says what to configure, in the fleet and in the panels", async () => {
    const { endpoints } = EndpointListSchema.parse(await (await listEndpoints()).json());
    const llama = endpoints.find((e) => e.id === ID)!;
    expect(llama.metrics.reason).toBe(PAY_PER_TOKEN_NO_WAREHOUSE_REASON);
    expect(llama.headline.requestRate).toBeNull();
    expect(llama.headlineSource).toBeUndefined();
    const response = await series("panel=requests");
    expect(response.notReported).toBe(PAY_PER_TOKEN_NO_WAREHOUSE_REASON);
    expect(harness.fakes.sqlWarehouse.received).toEqual([]);
  });
});
