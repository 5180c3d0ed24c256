import { describe, expect, it } from "vitest";
import { createPrometheusBackend } from "./backend";
import { makeEndpoint } from "@/test-support/endpoints";

const endpoint = makeEndpoint("hf.llama", "huggingface", {
  scaling: { minReplicas: 0, maxReplicas: 2 },
  scrape: { url: "https://api.example.com/metrics", intervalS: 15 },
});

function answering(body: unknown, queries: string[] = []): typeof fetch {
  return async (_input, init) => {
    queries.push(new URLSearchParams(String(init?.body)).get("query") ?? "");
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

const matrix = (result: unknown, warnings?: string[]) => ({
  status: "success",
  data: { resultType: "matrix", result },
  ...(warnings ? { warnings } : {}),
});

describe("createPrometheusBackend", () => {
  it("answers every latency quantile, all gaps where the engine returned none", async () => {
    const result = [{ metric: { quantile: "0.5" }, values: [[0, "12"]] }];
    const backend = createPrometheusBackend({ url: "http://127.0.0.1:9090", fetch: answering(matrix(result)) });
    const response = await backend.queryPanel(endpoint, { panel: "latency", fromMs: 0, toMs: 0, stepMs: 15_000 });
    expect(response.series).toEqual([
      { name: "p50", labels: { quantile: "0.5" }, points: [[0, 12]] },
      { name: "p90", labels: { quantile: "0.9" }, points: [[0, null]] },
      { name: "p95", labels: { quantile: "0.95" }, points: [[0, null]] },
      { name: "p99", labels: { quantile: "0.99" }, points: [[0, null]] },
    ]);
  });

  it("interpolates self-hosted quantiles from the bucket rates by le, in ms, as the embedded store does", async () => {
    const vllm = { ...endpoint, id: "om.vllm", source: "om", provider: "openmetrics" as const };
    // 100 observations per second at 0: 50 ≤ 0.1 s, 90 ≤ 0.5 s, all ≤ 1 s; none at 30 s (a gap).
    const bucket = (le: string, rate: string) => ({
      metric: { le },
      values: [
        [0, rate],
        [30, "0"],
      ],
    });
    const result = [
      bucket("0.1", "50"),
      bucket("0.5", "90"),
      bucket("1", "100"),
      bucket("+Inf", "100"),
      { metric: {}, values: [[0, "7"]] },
    ];
    const queries: string[] = [];
    const backend = createPrometheusBackend({
      url: "http://127.0.0.1:9090",
      fetch: answering(matrix(result), queries),
    });
    const response = await backend.queryPanel(vllm, { panel: "ttft", fromMs: 0, toMs: 30_000, stepMs: 30_000 });
    expect(queries[0]).toMatch(/^sum by \(le\) \(rate\(vllm:time_to_first_token_seconds_bucket\{/);
    const quantile = (name: string, label: string, ms: number) => ({
      name,
      labels: { quantile: label },
      points: [
        [0, ms],
        [30_000, null],
      ],
    });
    expect(response.series).toEqual([
      quantile("p50", "0.5", 100),
      quantile("p90", "0.9", 500),
      quantile("p95", "0.95", 750),
      quantile("p99", "0.99", 950),
    ]);
  });

  it("names a server's one in-flight gauge `pending`, as the store does (Triton's pending count)", async () => {
    const triton = { ...endpoint, id: "om.triton", source: "om", provider: "openmetrics" as const };
    const onlyWaiting: typeof fetch = async (_input, init) => {
      const query = new URLSearchParams(String(init?.body)).get("query") ?? "";
      const result = query.startsWith("sum(avg_over_time(vllm:num_requests_waiting")
        ? [{ metric: {}, values: [[0, "3"]] }]
        : [];
      return new Response(JSON.stringify(matrix(result)), { status: 200 });
    };
    const backend = createPrometheusBackend({ url: "http://127.0.0.1:9090", fetch: onlyWaiting });
    const response = await backend.queryPanel(triton, { panel: "pending", fromMs: 0, toMs: 0, stepMs: 15_000 });
    expect(response.series).toEqual([{ name: "pending", labels: {}, points: [[0, 3]] }]);
  });

  it("puts each series on the grid: missing steps and NaN are null, names from labels, sorted", async () => {
    const result = [
      {
        metric: { replica_id: "b" },
        values: [
          [120, "4"],
          [240, "NaN"],
        ],
      },
      { metric: { replica_id: "a" }, values: [[60, "1.5"]] },
    ];
    const backend = createPrometheusBackend({ url: "http://127.0.0.1:9090", fetch: answering(matrix(result, ["w"])) });
    const response = await backend.queryPanel(endpoint, {
      panel: "cpu",
      by: "replica",
      fromMs: 60_000,
      toMs: 240_000,
      stepMs: 60_000,
    });
    expect(response).toEqual({
      panel: "cpu",
      unit: "%",
      from: 60_000,
      to: 240_000,
      stepMs: 60_000,
      series: [
        {
          name: "a",
          labels: { replica: "a" },
          points: [
            [60_000, 1.5],
            [120_000, null],
            [180_000, null],
            [240_000, null],
          ],
        },
        {
          name: "b",
          labels: { replica: "b" },
          points: [
            [60_000, null],
            [120_000, 4],
            [180_000, null],
            [240_000, null],
          ],
        },
      ],
      warnings: ["w"],
    });
  });

  it("adds the max-replicas constant beside the running count", async () => {
    const backend = createPrometheusBackend({
      url: "http://127.0.0.1:9090",
      fetch: answering(matrix([{ metric: {}, values: [[60, "1"]] }])),
    });
    const response = await backend.queryPanel(endpoint, { panel: "replicas", fromMs: 0, toMs: 60_000, stepMs: 60_000 });
    expect(response.series).toEqual([
      {
        name: "running",
        labels: {},
        points: [
          [0, null],
          [60_000, 1],
        ],
      },
      {
        name: "max",
        labels: {},
        points: [
          [0, 2],
          [60_000, 2],
        ],
      },
    ]);
    expect(response.warnings).toBeUndefined();
  });

  it("answers a panel the platform does not report without querying", async () => {
    const queries: string[] = [];
    const backend = createPrometheusBackend({ url: "http://127.0.0.1:9090", fetch: answering(matrix([]), queries) });
    const response = await backend.queryPanel(endpoint, {
      panel: "concurrency",
      fromMs: 0,
      toMs: 60_000,
      stepMs: 60_000,
    });
    expect(response).toEqual({
      panel: "concurrency",
      unit: "requests",
      from: 0,
      to: 60_000,
      stepMs: 60_000,
      series: [],
      notReported: "not reported by Hugging Face",
    });
    expect(queries).toEqual([]);
  });

  it("drops series whose naming label is missing (a status code outside 1xx–5xx)", async () => {
    const result = [
      { metric: { class: "2xx" }, values: [[0, "3"]] },
      { metric: {}, values: [[0, "1"]] },
    ];
    const backend = createPrometheusBackend({ url: "http://127.0.0.1:9090", fetch: answering(matrix(result)) });
    const response = await backend.queryPanel(endpoint, { panel: "requests", fromMs: 0, toMs: 0, stepMs: 15_000 });
    expect(response.series).toEqual([{ name: "2xx", labels: { class: "2xx" }, points: [[0, 3]] }]);
  });

  it("folds an answer past the series cap, as the embedded store does", async () => {
    const result = Array.from({ length: 80 }, (_, i) => ({
      metric: { status_code: String(400 + i) },
      values: [[0, "1"]],
    }));
    const backend = createPrometheusBackend({ url: "http://127.0.0.1:9090", fetch: answering(matrix(result)) });
    const response = await backend.queryPanel(endpoint, {
      panel: "requests",
      by: "code",
      fromMs: 0,
      toMs: 0,
      stepMs: 15_000,
    });
    expect(response.series.length).toBeLessThanOrEqual(50);
    const total = response.series.reduce((sum, s) => sum + (s.points[0]?.[1] ?? 0), 0);
    expect(total).toBe(80);
    expect(response.warnings).toEqual([expect.stringMatching(/^80 series: the \d+ largest are shown/)]);
  });
});
