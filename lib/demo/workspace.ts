import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadProcessConfig } from "@/lib/config/from-process";
import { startFakeUpstreams } from "@/lib/fake-upstreams";
import { DATABRICKS_CONTENT_TYPE, HUGGINGFACE_CONTENT_TYPE } from "@/lib/fake-upstreams/respond";
import { createProvider } from "@/lib/providers/create";
import { renderDatabricksMetrics, renderHuggingFaceMetrics } from "@/lib/simulation";
import { openStore } from "@/lib/store";
import { backfillEndpoint, type RenderAt } from "./backfill";
import { backfillEvents } from "./backfill-events";
import { replayDiscovery } from "./replay-discovery";

const HISTORY_MS = 7 * 24 * 3_600_000;

export interface DemoWorkspace {
  /** The environment that points a server at the simulated upstreams. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the simulated Databricks workspace and Hugging Face namespace on 127.0.0.1, discovers them
 * through the real providers, and backfills up to seven days of history (only what is missing).
 */
export async function startDemoWorkspace({
  dataDir,
  log,
}: {
  dataDir: string;
  log: (line: string) => void;
}): Promise<DemoWorkspace> {
  const fakes = await startFakeUpstreams();
  const env = {
    DATABRICKS_HOST: fakes.databricks.url,
    DATABRICKS_TOKEN: fakes.databricks.token,
    HF_ENDPOINTS_API: fakes.huggingface.url,
    HF_NAMESPACE: fakes.huggingface.namespace,
    HF_TOKEN: fakes.huggingface.token,
    DATABRICKS_WAREHOUSE_ID: fakes.sqlWarehouse.id,
    SERVESCOPE_DEMO: "1",
  };
  const config = loadProcessConfig({
    ...env,
    SERVESCOPE_SCRAPE_INTERVAL_S: process.env.SERVESCOPE_SCRAPE_INTERVAL_S,
    SERVESCOPE_DISCOVERY_INTERVAL_S: process.env.SERVESCOPE_DISCOVERY_INTERVAL_S,
  });
  const render: RenderAt = (endpoint, atMs) => {
    const text =
      endpoint.provider === "databricks"
        ? renderDatabricksMetrics(endpoint.name, atMs, fakes.simulation)
        : renderHuggingFaceMetrics(endpoint.name, atMs);
    const contentType = endpoint.provider === "databricks" ? DATABRICKS_CONTENT_TYPE : HUGGINGFACE_CONTENT_TYPE;
    return text === null ? null : { text, contentType };
  };

  mkdirSync(dataDir, { recursive: true });
  const store = openStore(join(dataDir, "servescope.db"));
  try {
    const started = Date.now();
    let samples = 0;
    let events = 0;
    for (const source of config.sources) {
      const endpoints = await createProvider(source).discover();
      const discoverAt = replayDiscovery(source, fakes.simulation);
      if (discoverAt) {
        // Resume after the last discovery of an earlier run, as its collector would have gone on.
        const lastMs = Math.max(0, ...endpoints.map((endpoint) => store.endpointUpdatedAt(endpoint.id) ?? 0));
        const fromMs = Math.max(started - HISTORY_MS, lastMs);
        const intervalMs = config.discoveryIntervalS * 1000;
        events += backfillEvents(store, source.id, discoverAt, { fromMs, toMs: started, intervalMs });
      }
      store.upsertEndpoints(endpoints, started);
      for (const endpoint of endpoints) {
        if (!endpoint.metrics.available) continue;
        // Resume after the last scrape of an earlier run; the store ignores samples it already has.
        const fromMs = Math.max(started - HISTORY_MS, store.lastScrape(endpoint.id)?.at ?? 0);
        samples += backfillEndpoint(store, endpoint, render, { fromMs, toMs: started });
      }
    }
    log(
      `demo workspace: ${samples.toLocaleString("en-US")} samples and ${events} change events of history backfilled in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    store.close();
  }
  return { env, close: () => fakes.close() };
}
