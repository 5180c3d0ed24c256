import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenMetricsSource } from "@/lib/config/schema";
import { createProvider } from "@/lib/providers/create";
import { TEST_HTTP_OPTIONS } from "@/test-support/providers";
import { startFakeUpstreams, type FakeUpstreams } from "./start";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams({ now: NOW });
});
afterAll(() => fakes.close());

const get = (url: string, token = fakes.openmetrics.token) =>
  fetch(url, { headers: { Authorization: `Bearer ${token}` } });
const target = (name: string) => fakes.openmetrics.targets.find((t) => t.name === name)!;

describe("simulated self-hosted servers", () => {
  it("run each replica and each GPU exporter on a port of its own on loopback", () => {
    const urls = fakes.openmetrics.targets.flatMap((t) => t.replicas.flatMap((r) => [r.url, r.gpuUrl ?? []].flat()));
    expect(urls).toHaveLength(5);
    expect(new Set(urls.map((url) => new URL(url).port)).size).toBe(5);
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(target("vllm-chat").replicas.map((r) => [r.id, r.gpuUrl !== undefined])).toEqual([
      ["vllm-chat-0", true],
      ["vllm-chat-1", true],
    ]);
    expect(target("tgi-summarize").replicas).toEqual([{ id: "tgi-summarize-0", url: expect.any(String) }]);
  });

  it("answer /metrics in each server's content type, 401 without the token, 404 elsewhere", async () => {
    const [vllm] = target("vllm-chat").replicas;
    const vllmReply = await get(vllm!.url);
    expect(vllmReply.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await vllmReply.text()).toContain('vllm:num_requests_running{engine="0"');
    const tgiReply = await get(target("tgi-summarize").replicas[0]!.url);
    expect(tgiReply.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await tgiReply.text()).toMatch(/^tgi_request_success \d+$/m);
    expect(await (await get(vllm!.gpuUrl!)).text()).toContain('DCGM_FI_DEV_GPU_UTIL{gpu="1"');
    expect((await get(vllm!.url, "wrong")).status).toBe(401);
    expect((await get(vllm!.url.replace("/metrics", "/v1/models"))).status).toBe(404);
  });

  it("are scraped by the real provider as one endpoint per server, each fault staying with its replica", async () => {
    const source: OpenMetricsSource = {
      kind: "openmetrics",
      id: "openmetrics",
      token: fakes.openmetrics.token,
      scrapeIntervalS: 15,
      targets: fakes.openmetrics.targets,
    };
    const provider = createProvider(source, { http: TEST_HTTP_OPTIONS });
    const endpoints = await provider.discover();
    expect(endpoints.map((e) => e.id)).toEqual(["openmetrics.vllm-chat", "openmetrics.tgi-summarize"]);

    const vllm = await provider.scrape(endpoints[0]!);
    expect(vllm).toMatchObject({ ok: true, error: null });
    expect(vllm.endpoint?.model.details.server).toBe("vLLM (V1 engine)");
    const gpus = vllm.samples
      .filter((s) => s.metric === "gpu_percent")
      .map((s) => `${s.labels.replica}/${s.labels.gpu}`);
    expect(gpus.sort()).toEqual(["vllm-chat-0/0", "vllm-chat-0/1", "vllm-chat-1/0", "vllm-chat-1/1"]);

    fakes.setFault("openmetrics:vllm-chat-1", { kind: "status", status: 503, times: 3 });
    const degraded = await provider.scrape(endpoints[0]!);
    expect(degraded.error).toMatch(/^replica vllm-chat-1: HTTP 503 from 127\.0\.0\.1:\d+: /);
    expect(new Set(degraded.samples.filter((s) => s.metric === "requests_total").map((s) => s.labels.replica))).toEqual(
      new Set(["vllm-chat-0"]),
    );

    const tgi = await provider.scrape(endpoints[1]!);
    expect(tgi).toMatchObject({ ok: true, replicas: [{ id: "tgi-summarize-0", state: "running" }] });
    expect(tgi.endpoint?.model.details.server).toBe("TGI");
  });
});
