import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstreams, type FakeUpstreams } from "./start";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams({ now: NOW });
});
afterAll(() => fakes.close());

const dbx = (path: string, token = fakes.databricks.token) =>
  fetch(`${fakes.databricks.url}/api/2.0/serving-endpoints${path}`, { headers: { Authorization: `Bearer ${token}` } });
const hf = (path: string, token = fakes.huggingface.token) =>
  fetch(`${fakes.huggingface.url}/v2/endpoint/${fakes.huggingface.namespace}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });

describe("startFakeUpstreams", () => {
  it("listens on loopback with tokens, and opens 5 minutes into a 5xx incident", async () => {
    expect(fakes.databricks.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fakes.huggingface.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fakes.databricks.token).not.toBe(fakes.huggingface.token);
    expect(fakes.simulation.anchorMs).toBe(Date.UTC(2026, 10, 23, 12, 15));
    const text = await (await dbx("/recsys-features/metrics")).text();
    const count = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1]);
    expect(count("request_5xx_count_total") / count("request_count_total")).toBeGreaterThan(0.3);
  });

  it("answers 401 in Databricks' error shape without a valid token", async () => {
    const response = await dbx("", "nope");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error_code: "UNAUTHENTICATED", message: "Invalid access token." });
  });

  it("serves Databricks metrics as Prometheus text with minute-aligned ms timestamps", async () => {
    const response = await dbx("/fraud-scorer/metrics");
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toMatch(/^request_count_total \d+\.0 1795436400000$/m);
    expect(text).not.toContain("# EOF");
  });

  it("answers 404 in Databricks' words for a pay-per-token endpoint's metrics", async () => {
    const response = await dbx("/databricks-meta-llama-3-3-70b-instruct/metrics");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error_code: "RESOURCE_DOES_NOT_EXIST",
      message: "Endpoint with name 'databricks-meta-llama-3-3-70b-instruct' does not expose metrics",
    });
  });

  it("serves the Hugging Face list and OpenMetrics text ending in # EOF", async () => {
    const list = (await (await hf("")).json()) as { items: Array<{ name: string; status: { state: string } }> };
    expect(list.items.map((item) => item.name)).toContain("sentiment-prod");
    const response = await hf("/sentiment-prod/open-metrics");
    expect(response.headers.get("content-type")).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
    expect(await response.text()).toMatch(/# EOF\n$/);
    expect((await hf("", "wrong")).status).toBe(401);
  });

  it("applies a counted fault to one endpoint, then clears it, and logs every request", async () => {
    fakes.setFault("databricks:fraud-scorer", { kind: "rate-limit", retryAfter: "7", times: 1 });
    const limited = await dbx("/fraud-scorer/metrics");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(await limited.json()).toMatchObject({
      error_code: "REQUEST_LIMIT_EXCEEDED",
      details: [{ retry_delay_seconds: "7" }],
    });
    expect((await dbx("/llama-pt/metrics")).status).toBe(200);
    expect((await dbx("/fraud-scorer/metrics")).status).toBe(200);
    expect(fakes.received.at(-1)).toMatchObject({
      method: "GET",
      path: "/api/2.0/serving-endpoints/fraud-scorer/metrics",
    });
  });

  it("applies a platform-wide fault to every request of that platform only", async () => {
    fakes.setFault("huggingface", { kind: "status", status: 500 });
    expect((await hf("")).status).toBe(500);
    expect((await dbx("")).status).toBe(200);
    fakes.setFault("huggingface", null);
    expect((await hf("")).status).toBe(200);
  });

  it("grows a family by many series, with new values each request when rotating", async () => {
    const line = 'http_requests{replica_id="r-flood",status_code="{i}"} 1';
    fakes.setFault("huggingface:sentiment-prod", { kind: "cardinality", line, series: 3, rotate: true });
    const first = await (await hf("/sentiment-prod/open-metrics")).text();
    const second = await (await hf("/sentiment-prod/open-metrics")).text();
    fakes.setFault("huggingface:sentiment-prod", null);
    const flood = (text: string) => text.split("\n").filter((l) => l.includes("r-flood"));
    expect(flood(first)).toHaveLength(3);
    expect(flood(second)).toHaveLength(3);
    expect(flood(second)).not.toEqual(flood(first));
    // Right after the family's own samples, so the family stays in one piece.
    const lines = first.split("\n");
    const at = lines.indexOf(flood(first)[0] ?? "");
    expect(lines[at - 1]).toMatch(/^http_requests\{replica_id="[^r]/);
    expect(first).toMatch(/# EOF\n$/);
  });

  it("echoes the request's Authorization header into a line", async () => {
    fakes.setFault("databricks:fraud-scorer", {
      kind: "echo-authorization",
      line: 'debug_info{auth="{authorization}"} 1',
    });
    const text = await (await dbx("/fraud-scorer/metrics")).text();
    fakes.setFault("databricks:fraud-scorer", null);
    expect(text.trimEnd().split("\n").at(-1)).toBe(`debug_info{auth="Bearer ${fakes.databricks.token}"} 1`);
  });

  it("keeps no request log when asked not to (the demo runs for days), and still serves", async () => {
    const quiet = await startFakeUpstreams({ now: NOW, recordRequests: false });
    try {
      const response = await fetch(`${quiet.huggingface.url}/v2/endpoint/${quiet.huggingface.namespace}`, {
        headers: { Authorization: `Bearer ${quiet.huggingface.token}` },
      });
      expect(response.status).toBe(200);
      expect(quiet.received).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});
