import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadProcessConfig } from "@/lib/config/from-process";
import type { SourceConfig } from "@/lib/config/schema";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import { DATABRICKS_CONTENT_TYPE, HUGGINGFACE_CONTENT_TYPE } from "@/lib/fake-upstreams/respond";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createProvider, normalizeDatabricks, normalizeHuggingFace } from "@/lib/providers/create";
import { renderDatabricksMetrics, renderHuggingFaceMetrics } from "@/lib/simulation";
import { openStore } from "@/lib/store";
import { backfillEndpoint, renderedSamplesAt, type SamplesAt } from "./backfill";
import { backfillEvents } from "./backfill-events";
import { replayDiscovery } from "./replay-discovery";
import { selfHostedSamplesAt } from "./self-hosted-samples";

const HISTORY_MS = 7 * 24 * 3_600_000;

/** The variables that hold the fakes' tokens: the configuration file names them instead of holding them. */
const TOKEN_VARIABLES = {
  databricks: "SERVESCOPE_DEMO_DATABRICKS_TOKEN",
  huggingface: "SERVESCOPE_DEMO_HF_TOKEN",
  openmetrics: "SERVESCOPE_DEMO_OPENMETRICS_TOKEN",
} as const;

export interface DemoWorkspace {
  /** The environment that points a server at the simulated upstreams. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Three sources need the configuration file: only it can name each replica and its GPU exporter. */
function writeDemoConfig(dataDir: string, fakes: FakeUpstreams): Record<string, string> {
  const path = resolve(dataDir, "demo-sources.json");
  const sources = [
    {
      kind: "databricks",
      id: "databricks",
      host: fakes.databricks.url,
      tokenEnv: TOKEN_VARIABLES.databricks,
      warehouseId: fakes.sqlWarehouse.id,
    },
    {
      kind: "huggingface",
      id: "huggingface",
      namespace: fakes.huggingface.namespace,
      apiBase: fakes.huggingface.url,
      tokenEnv: TOKEN_VARIABLES.huggingface,
    },
    {
      kind: "openmetrics",
      id: "openmetrics",
      targets: fakes.openmetrics.targets,
      tokenEnv: TOKEN_VARIABLES.openmetrics,
    },
  ];
  writeFileSync(path, `${JSON.stringify({ sources }, null, 2)}\n`);
  return {
    SERVESCOPE_CONFIG: path,
    [TOKEN_VARIABLES.databricks]: fakes.databricks.token,
    [TOKEN_VARIABLES.huggingface]: fakes.huggingface.token,
    [TOKEN_VARIABLES.openmetrics]: fakes.openmetrics.token,
  };
}

/** How each endpoint's history is rendered: the simulation at past instants, through the real normalizers. */
function samplesAtFor(source: SourceConfig, endpoint: DiscoveredEndpoint, fakes: FakeUpstreams): SamplesAt | null {
  switch (source.kind) {
    case "databricks":
      return renderedSamplesAt((atMs) => {
        const text = renderDatabricksMetrics(endpoint.name, atMs, fakes.simulation);
        return text === null ? null : { text, contentType: DATABRICKS_CONTENT_TYPE };
      }, normalizeDatabricks);
    case "huggingface":
      return renderedSamplesAt((atMs) => {
        const text = renderHuggingFaceMetrics(endpoint.name, atMs);
        return text === null ? null : { text, contentType: HUGGINGFACE_CONTENT_TYPE };
      }, normalizeHuggingFace);
    case "openmetrics": {
      const target = source.targets.find((candidate) => candidate.name === endpoint.name);
      return target ? selfHostedSamplesAt(target, fakes.simulation) : null;
    }
  }
}

/**
 * Starts the simulated Databricks workspace, Hugging Face namespace and self-hosted LLM servers on
 * 127.0.0.1, discovers them through the real providers, and backfills up to seven days of history
 * (only what is missing).
 */
export async function startDemoWorkspace({
  dataDir,
  log,
}: {
  dataDir: string;
  log: (line: string) => void;
}): Promise<DemoWorkspace> {
  const fakes = await startFakeUpstreams({ recordRequests: false });
  mkdirSync(dataDir, { recursive: true });
  const env = { ...writeDemoConfig(dataDir, fakes), SERVESCOPE_DEMO: "1" };
  const config = loadProcessConfig({
    ...env,
    SERVESCOPE_SCRAPE_INTERVAL_S: process.env.SERVESCOPE_SCRAPE_INTERVAL_S,
    SERVESCOPE_DISCOVERY_INTERVAL_S: process.env.SERVESCOPE_DISCOVERY_INTERVAL_S,
  });

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
        const samplesAt = endpoint.metrics.available ? samplesAtFor(source, endpoint, fakes) : null;
        if (!samplesAt) continue;
        // Resume after the last scrape of an earlier run; the store ignores samples it already has.
        const fromMs = Math.max(started - HISTORY_MS, store.lastScrape(endpoint.id)?.at ?? 0);
        samples += backfillEndpoint(store, endpoint, samplesAt, { fromMs, toMs: started });
      }
    }
    // As the collector's retention would have along the week: complete roll-up blocks compacted.
    store.compactAll(started);
    log(
      `demo workspace: ${samples.toLocaleString("en-US")} samples and ${events} change events of history backfilled in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // The logs and usage panels' first statement would otherwise wait for the warehouse's week of rows.
    await fakes.sqlWarehouse.warm();
    const warehouse = fakes.sqlWarehouse.stats();
    if (warehouse)
      log(
        `demo warehouse: ${warehouse.rows.toLocaleString("en-US")} telemetry and usage rows loaded in ${((warehouse.openMs + warehouse.loadMs) / 1000).toFixed(1)} s`,
      );
  } finally {
    store.close();
  }
  return { env, close: () => fakes.close() };
}
