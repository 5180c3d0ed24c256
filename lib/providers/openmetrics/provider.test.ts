import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenMetricsSource } from "@/lib/config/schema";
import { createProvider } from "../create";
import { TEST_HTTP_OPTIONS } from "@/test-support/providers";

const TOKEN = "self-hosted-secret-token";
const VLLM =
  "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running 2\n# TYPE custom_thing gauge\ncustom_thing 1\n";
let server: Server;
let source: OpenMetricsSource;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? "");
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401);
      return res.end(`bad token ${req.headers.authorization ?? ""}`);
    }
    if (req.url !== "/metrics") {
      res.writeHead(404);
      return res.end("404 page not found");
    }
    res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
    res.end(VLLM);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  source = {
    kind: "openmetrics",
    id: "self",
    token: TOKEN,
    scrapeIntervalS: 15,
    targets: [
      { name: "vllm", url: `${base}/metrics` },
      { name: "Wrong_Path", url: `${base}/nope` },
    ],
  };
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("OpenMetrics provider", () => {
  it("discovers the configured targets", async () => {
    const endpoints = await createProvider(source).discover();
    expect(endpoints.map((e) => [e.id, e.state, e.metrics.available, e.scrape?.intervalS])).toEqual([
      ["self.vllm", "configured", true, 15],
      ["self.wrong_path", "configured", true, 15],
    ]);
  });

  it("scrapes with the bearer token, normalizes known families and keeps unknown ones", async () => {
    const provider = createProvider(source, { http: TEST_HTTP_OPTIONS });
    const [vllm] = await provider.discover();
    const result = await provider.scrape(vllm!);
    expect(result.ok).toBe(true);
    expect(result.samples.map((s) => [s.metric, s.value])).toEqual([["requests_running", 2]]);
    expect(result.families.map((f) => f.name)).toEqual(["vllm:num_requests_running", "custom_thing"]);
  });

  it("reports a wrong path as a plain HTTP 404, not as 'no metrics'", async () => {
    const provider = createProvider(source, { http: TEST_HTTP_OPTIONS });
    const [, wrong] = await provider.discover();
    const result = await provider.scrape(wrong!);
    expect(result).toMatchObject({ ok: false, status: 404, noMetrics: false });
    expect(result.error).toMatch(/^HTTP 404 from 127\.0\.0\.1:\d+: 404 page not found$/);
  });

  it("never puts the token in a message, even when the server echoes it", async () => {
    const provider = createProvider({ ...source, token: "echoed-secret" }, { http: TEST_HTTP_OPTIONS });
    const [vllm] = await provider.discover();
    const result = await provider.scrape(vllm!);
    expect(result.status).toBe(401);
    expect(result.error).toMatch(/^token rejected by 127\.0\.0\.1:\d+ \(HTTP 401\)$/);
    expect(result.error).not.toContain("echoed-secret");
  });

  it("refuses to scrape an endpoint that is not a configured target", async () => {
    const provider = createProvider(source, { http: TEST_HTTP_OPTIONS });
    const [vllm] = await provider.discover();
    const before = paths.length;
    const result = await provider.scrape({
      ...vllm!,
      name: "elsewhere",
      scrape: { url: "http://127.0.0.1:1/x", intervalS: 1 },
    });
    expect(result).toMatchObject({ ok: false, error: "not scraped: not a configured target" });
    expect(paths.length).toBe(before);
  });
});
