import { createServer } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEndpoint } from "@/app/api/endpoints/[id]/route";
import { GET as getSeries } from "@/app/api/endpoints/[id]/series/route";
import { GET as listEndpoints } from "@/app/api/endpoints/route";
import { GET as getHealth } from "@/app/api/health/route";
import { ApiErrorSchema, EndpointDetailSchema, EndpointListSchema, HealthDetailSchema } from "@/lib/api/schemas";
import { startServerHarness } from "@/test-support/server-harness";

let harness: Awaited<ReturnType<typeof startServerHarness>>;
let host = "";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  host = `127.0.0.1:${await closedPort()}`;
  harness = await startServerHarness({ PROMETHEUS_URL: `http://${host}` });
}, 60_000);
afterAll(() => harness?.close());

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const unreachable = () => expect.stringMatching(new RegExp(`^cannot reach Prometheus at ${host}`));

describe("with Prometheus unreachable", () => {
  it("still lists every endpoint, with null figures and the reason", async () => {
    const response = await listEndpoints();
    expect(response.status).toBe(200);
    const { endpoints } = EndpointListSchema.parse(await response.json());
    expect(new Set(endpoints.map((e) => e.provider))).toEqual(new Set(["databricks", "huggingface"]));
    const measured = endpoints.filter((e) => e.metrics.available);
    expect(measured.length).toBeGreaterThan(3);
    for (const endpoint of measured) {
      expect(Object.values(endpoint.headline).every((figure) => figure === null)).toBe(true);
      expect(endpoint.headlineError).toEqual(unreachable());
    }
    // Without metrics there was nothing to ask Prometheus: no error to show.
    expect(endpoints.filter((e) => !e.metrics.available).every((e) => e.headlineError === undefined)).toBe(true);
  });

  it("answers an endpoint's detail with the reason, and its series with 502", async () => {
    const id = "databricks.fraud-scorer";
    const detail = await getEndpoint(new Request(`http://127.0.0.1/api/endpoints/${id}`), params(id));
    expect(detail.status).toBe(200);
    expect(EndpointDetailSchema.parse(await detail.json()).headlineError).toEqual(unreachable());

    const series = await getSeries(new Request(`http://127.0.0.1/api/endpoints/${id}/series?panel=cpu`), params(id));
    expect(series.status).toBe(502);
    expect(ApiErrorSchema.parse(await series.json()).error).toEqual({ code: "backend_error", message: unreachable() });
  });

  it("reports the server degraded, and why", async () => {
    const health = HealthDetailSchema.parse(
      await (await getHealth(new NextRequest("http://127.0.0.1/api/health"))).json(),
    );
    expect(health.status).toBe("degraded");
    expect(health.mode).toBe("prometheus");
    expect(health.reasons).toEqual([expect.stringMatching(new RegExp(`: cannot reach Prometheus at ${host}`))]);
  });
});
