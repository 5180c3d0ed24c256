import { describe, expect, it } from "vitest";
import { readFixture } from "@/test-support/testdata";
import { createPrometheusClient, parseSampleValue } from "./client";
import { PrometheusError } from "./prometheus-error";

interface Call {
  url: string;
  body: string;
}

function fakeFetch(status: number, body: string, calls: Call[] = []): typeof fetch {
  return async (input, init) => {
    calls.push({ url: String(input), body: String(init?.body) });
    return new Response(body, { status, headers: { "content-type": "application/json" } });
  };
}

const range = { expr: "up", startMs: 1_788_718_020_000, endMs: 1_788_718_140_000, stepMs: 60_000 };

describe("createPrometheusClient", () => {
  it("POSTs query_range with seconds under the base path and returns the matrix", async () => {
    const calls: Call[] = [];
    const client = createPrometheusClient({
      url: "http://127.0.0.1:9090/prom/",
      fetch: fakeFetch(200, readFixture("prometheus/query_range.json"), calls),
    });
    const { result, warnings } = await client.queryRange(range);
    expect(calls).toEqual([
      {
        url: "http://127.0.0.1:9090/prom/api/v1/query_range",
        body: "query=up&start=1788718020&end=1788718140&step=60",
      },
    ]);
    expect(result[0]?.values.map(([, value]) => parseSampleValue(value))).toEqual([2.344062231666667, 2.9, null]);
    expect(warnings).toEqual([]);
  });

  it("turns the error envelope into a precise PrometheusError", async () => {
    const client = createPrometheusClient({
      url: "http://127.0.0.1:9090",
      fetch: fakeFetch(400, readFixture("prometheus/query_range-error.json")),
    });
    const failure = await client.queryRange(range).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PrometheusError);
    expect(failure).toMatchObject({
      kind: "query",
      status: 400,
      errorType: "bad_data",
      message:
        "Prometheus bad_data: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
    });
  });

  it("passes warnings through", async () => {
    const body = JSON.stringify({
      status: "success",
      data: { resultType: "vector", result: [{ metric: {}, value: [1, "3"] }] },
      warnings: ["partial response"],
    });
    const client = createPrometheusClient({ url: "http://127.0.0.1:9090", fetch: fakeFetch(200, body) });
    expect(await client.query("up", 1000)).toEqual({
      result: [{ metric: {}, value: [1, "3"] }],
      warnings: ["partial response"],
    });
  });

  it("rejects a body of another shape, naming the field", async () => {
    const body = JSON.stringify({
      status: "success",
      data: { resultType: "matrix", result: [{ metric: {}, values: [[1, 2]] }] },
    });
    const client = createPrometheusClient({ url: "http://127.0.0.1:9090", fetch: fakeFetch(200, body) });
    await expect(client.queryRange(range)).rejects.toThrow(
      /^unexpected response from Prometheus at 127\.0\.0\.1:9090: .* at data\.result\.0\.values\.0\.1$/,
    );
  });

  it("rejects a vector where a matrix was asked for", async () => {
    const body = JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } });
    const client = createPrometheusClient({ url: "http://127.0.0.1:9090", fetch: fakeFetch(200, body) });
    await expect(client.queryRange(range)).rejects.toMatchObject({ kind: "invalid-response" });
  });

  it("reports a non-JSON HTTP failure with its status", async () => {
    const client = createPrometheusClient({
      url: "http://127.0.0.1:9090",
      fetch: fakeFetch(502, "<html>Bad Gateway</html>"),
    });
    await expect(client.queryRange(range)).rejects.toMatchObject({
      kind: "http",
      status: 502,
      message: "Prometheus at 127.0.0.1:9090 answered HTTP 502: <html>Bad Gateway</html>",
    });
  });

  it("times out", async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const client = createPrometheusClient({ url: "http://127.0.0.1:9090", fetch: hang, timeoutMs: 50 });
    await expect(client.queryRange(range)).rejects.toMatchObject({
      kind: "timeout",
      message: "Prometheus at 127.0.0.1:9090 timed out after 50 ms",
    });
  });

  it("reports a refused connection as a transport error", async () => {
    const refuse: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const client = createPrometheusClient({ url: "http://127.0.0.1:9090", fetch: refuse });
    await expect(client.query("up", 0)).rejects.toMatchObject({ kind: "transport" });
  });
});

describe("parseSampleValue", () => {
  it("reads finite floats and turns NaN, ±Inf and junk into null", () => {
    expect(["1", "-2.5", "1e+06", ".5", "NaN", "+Inf", "-Inf", "", "0x10", "1z"].map(parseSampleValue)).toEqual([
      1,
      -2.5,
      1e6,
      0.5,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
