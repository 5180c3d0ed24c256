import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import { createProvider } from "@/lib/providers/create";
import { createStoreSink } from "@/lib/server/store-sink";
import { openStore, type Store } from "@/lib/store";
import { waitFor } from "@/tests/wait-for";
import { createCollector, type Collector } from "./collector";

let fakes: FakeUpstreams;
let store: Store;
let collector: Collector;

async function start(httpTimeoutMs = 1000) {
  fakes = await startFakeUpstreams();
  const config = loadConfig({
    env: {
      DATABRICKS_HOST: fakes.databricks.url,
      DATABRICKS_TOKEN: fakes.databricks.token,
      HF_ENDPOINTS_API: fakes.huggingface.url,
      HF_NAMESPACE: fakes.huggingface.namespace,
      HF_TOKEN: fakes.huggingface.token,
    },
    readFile: () => null,
    homeDir: "/nowhere",
  });
  store = openStore(":memory:");
  const providers = config.sources.map((s) => createProvider(s, { http: { timeoutMs: httpTimeoutMs, retries: 0 } }));
  collector = createCollector({
    providers,
    sink: createStoreSink(store),
    intervalOverrideS: 0.5,
    flushIntervalMs: 100,
  });
  await collector.start();
}

afterEach(async () => {
  await collector?.stop();
  store?.close();
  await fakes?.close();
});

const scrapesOf = (name: string) =>
  fakes.received.filter((r) => /\/(metrics|open-metrics)$/.test(r.path) && r.path.includes(`/${name}/`)).length;

describe("collector", () => {
  it("keeps every other endpoint on schedule while one upstream hangs", async () => {
    await start(800);
    fakes.setFault("databricks:fraud-scorer", { kind: "slow", delayMs: 5000 });
    const before = scrapesOf("sentiment-prod");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // At a 0.5 s interval, ~5 scrapes fit in 2.5 s; the hanging endpoint must not hold them up.
    expect(scrapesOf("sentiment-prod") - before).toBeGreaterThanOrEqual(3);
    collector.flush();
    const outcome = await waitFor(() => {
      const last = store.lastScrape("databricks.fraud-scorer");
      return last && !last.ok ? last : null;
    });
    expect(outcome.error).toMatch(/timed out/);
    expect(store.lastScrape("huggingface.sentiment-prod")?.ok).toBe(true);
  });

  it("records an upstream 500 and recovers when it clears", async () => {
    await start();
    fakes.setFault("huggingface:sentiment-prod", { kind: "status", status: 500 });
    const failed = await waitFor(() => {
      collector.flush();
      const last = store.lastScrape("huggingface.sentiment-prod");
      return last && !last.ok ? last : null;
    });
    expect(failed.status).toBe(500);
    expect(failed.error).toContain("500");
    fakes.setFault("huggingface:sentiment-prod", null);
    await waitFor(() => {
      collector.flush();
      return store.lastScrape("huggingface.sentiment-prod")?.ok;
    });
    expect(collector.state().scrapeFailures).toBeGreaterThan(0);
  });

  it("keeps the last good discovery when listing fails, with a message free of the token", async () => {
    await start();
    const endpoints = store.listEndpoints().length;
    fakes.setFault("databricks", { kind: "status", status: 401 });
    await collector.discoverNow();
    const databricks = collector.state().sources.find((s) => s.id === "databricks")!;
    expect(databricks.lastDiscovery).toMatchObject({ ok: false, error: expect.stringContaining("401") });
    expect(databricks.lastDiscovery?.error).not.toContain(fakes.databricks.token);
    expect(store.listEndpoints().length).toBe(endpoints);
  });
});
