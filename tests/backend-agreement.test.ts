import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupBy, Panel, SeriesResponse } from "@/lib/api/schemas";
import { createPrometheusBackend } from "@/lib/backends/prometheus/backend";
import {
  findEngineBinary,
  startEngine,
  type EngineKind,
  type EngineProcess,
} from "@/lib/backends/prometheus/test-support/engine-process";
import { renderPrometheusConfig } from "@/lib/integrations/prometheus-config";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { statusClassOf as statusClass } from "@/lib/panels/status-class";
import type { PanelQuery } from "@/lib/query/types";
import { startServerHarness } from "./server-harness";
import { waitForAsync } from "./wait-for";

/**
 * The embedded store's numbers against PromQL's: the dashboard (collector → SQLite → query layer)
 * and a real Prometheus-compatible engine, configured by the dashboard's own generated
 * prometheus.yml, scrape the same fake upstreams; every panel must agree within 1 %.
 */
const SCRAPE_S = 1;
const COLLECT_MS = 95_000;
const STEP_MS = 30_000;
const ENGINES: EngineKind[] = ["prometheus", "victoria-metrics"];

let harness: Awaited<ReturnType<typeof startServerHarness>>;
const engines = new Map<EngineKind, EngineProcess>();
let workDir: string;
let startedAt: number;

beforeAll(async () => {
  harness = await startServerHarness({ SERVESCOPE_SCRAPE_INTERVAL_S: String(SCRAPE_S) });
  workDir = mkdtempSync(join(tmpdir(), "servescope-agreement-"));
  const secretsDir = join(workDir, "secrets");
  mkdirSync(secretsDir);
  for (const source of harness.runtime.config.sources) {
    if ("token" in source && source.token)
      writeFileSync(join(secretsDir, `${source.id}.token`), source.token, { mode: 0o600 });
  }
  const configPath = join(workDir, "prometheus.yml");
  writeFileSync(
    configPath,
    renderPrometheusConfig(harness.runtime.endpoints(), harness.runtime.config.sources, {
      secretsDir,
      scrapeIntervalOverrideS: SCRAPE_S,
    }),
  );
  for (const kind of ENGINES) {
    const binary = findEngineBinary(kind);
    if (!binary) throw new Error(`${kind} is not installed: apt-get install -y --no-install-recommends ${kind}`);
    const dataDir = join(workDir, `${kind}-data`);
    mkdirSync(dataDir);
    engines.set(kind, await startEngine(kind, binary, configPath, dataDir));
  }
  // Compare only windows in which every side had been scraping for a while: wait for each engine's
  // first successful scrape of every target (Prometheus begins some seconds after it is ready).
  const targets = harness.runtime.endpoints().filter((e) => e.metrics.available).length;
  for (const engine of engines.values()) {
    await waitForAsync(async () => {
      const body = await fetch(`${engine.url}/api/v1/query?query=${encodeURIComponent("count(up == 1)")}`).then((r) =>
        r.json(),
      );
      return Number(body?.data?.result?.[0]?.value?.[1] ?? 0) >= targets;
    });
  }
  startedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, COLLECT_MS));
  harness.runtime.collector.flush();
}, COLLECT_MS + 90_000);

afterAll(async () => {
  for (const engine of engines.values()) await engine.stop();
  await harness?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const CASES: Array<{ panel: Panel; by?: GroupBy }> = [
  { panel: "requests", by: "class" },
  { panel: "requests", by: "code" },
  { panel: "latency" },
  { panel: "pending" },
  { panel: "pending", by: "replica" },
  { panel: "replicas" },
  { panel: "cpu" },
  { panel: "cpu", by: "replica" },
  { panel: "memory" },
  { panel: "gpu" },
  { panel: "vram", by: "replica" },
  { panel: "concurrency" },
];

const WINDOW_S = STEP_MS / 1000;
/** Samples each side takes of one series in a window. */
const SAMPLES_PER_WINDOW = WINDOW_S / SCRAPE_S;

/** Within 1 %, beyond the data's resolution (`slack`, below). */
function closeEnough(a: number, b: number, slack: number): boolean {
  return Math.abs(a - b) <= 0.01 * Math.max(Math.abs(a), Math.abs(b)) + slack + 1e-9;
}

type Slack = (series: string, t: number) => number;

/**
 * What the two sides may differ by before the 1 % counts, by series and window, given the embedded
 * answer `ours`. Each side scrapes at its own instants, so a window may hold a sample more on one side:
 * - request rates come from integer counters, one per replica and code: one request more is 1 / window
 *   seconds per counter (at ~2 req/s over 30 s that alone is 1.7 %);
 * - a gauge's window average weighs its 15 s plateaus by their sample counts: one sample more or less
 *   on either side moves it by up to 2 × (max − min) / samples, with max − min bounded by 2 × (max − avg).
 */
async function slackOf(endpoint: DiscoveredEndpoint, query: PanelQuery, ours: SeriesResponse): Promise<Slack> {
  if (query.panel === "replicas") return () => 0;
  if (query.panel === "requests") {
    if (endpoint.provider !== "huggingface") return () => 0;
    // Counters behind a series at t: replicas reporting × the status codes it sums (a class may hold several).
    const [replicas, codes] = await Promise.all([
      harness.runtime.backend.queryPanel(endpoint, { ...query, panel: "replicas", by: undefined }),
      harness.runtime.backend.queryPanel(endpoint, { ...query, by: "code" }),
    ]);
    const running = new Map(replicas.series.find((s) => s.name === "running")?.points ?? []);
    const codesAt = new Map<string, number>();
    for (const code of codes.series) {
      for (const [t, value] of code.points) {
        if (value === null) continue;
        for (const name of new Set([code.name, statusClass(code.name)]))
          codesAt.set(`${name}@${t}`, (codesAt.get(`${name}@${t}`) ?? 0) + 1);
      }
    }
    const counters = (series: string, t: number) =>
      (query.replica ? 1 : (running.get(t) ?? 0)) * (codesAt.get(`${series}@${t}`) ?? 0);
    return (series, t) => counters(series, t) / WINDOW_S;
  }
  const max = await harness.runtime.backend.queryPanel(endpoint, { ...query, agg: "max" });
  const maxAt = new Map(max.series.flatMap((s) => s.points.map(([t, v]) => [`${s.name}@${t}`, v] as const)));
  const avgAt = new Map(ours.series.flatMap((s) => s.points.map(([t, v]) => [`${s.name}@${t}`, v] as const)));
  return (series, t) => {
    const avg = avgAt.get(`${series}@${t}`) ?? null;
    const spread = 2 * Math.max(0, (maxAt.get(`${series}@${t}`) ?? avg ?? 0) - (avg ?? 0));
    return (2 * spread) / SAMPLES_PER_WINDOW;
  };
}

/** Points both answered, by series name; the engines may leave a window empty at its edges. */
function pairs(embedded: SeriesResponse, engine: SeriesResponse) {
  const out: Array<{ series: string; t: number; embedded: number; engine: number }> = [];
  for (const series of embedded.series) {
    const other = new Map(engine.series.find((s) => s.name === series.name)?.points ?? []);
    for (const [t, value] of series.points) {
      const theirs = other.get(t);
      if (value !== null && theirs !== null && theirs !== undefined)
        out.push({ series: series.name, t, embedded: value, engine: theirs });
    }
  }
  return out;
}

/**
 * The first grid point whose whole window (t − step, t] comes after every side began scraping.
 * Databricks stamps each per-minute sample with its minute: the minute before the start counts too.
 */
function comparedFrom(endpoint: DiscoveredEndpoint): number {
  const windowStart = endpoint.provider === "databricks" ? startedAt - 60_000 : startedAt + 2_000;
  return Math.ceil((windowStart + STEP_MS) / STEP_MS) * STEP_MS;
}

function eligible(provider: DiscoveredEndpoint["provider"]): DiscoveredEndpoint[] {
  return harness.runtime.endpoints().filter((e) => e.provider === provider && e.metrics.available);
}

describe.each(ENGINES)("embedded store vs %s over the same window", (kind) => {
  it.each(CASES)("$panel by $by agrees within 1 % on every endpoint", async ({ panel, by }) => {
    const backend = createPrometheusBackend({ url: engines.get(kind)!.url });
    // Whole windows after both had a few scrapes, ending before the newest (not yet complete) one.
    const toMs = Math.floor((Date.now() - 3000) / STEP_MS) * STEP_MS;
    let compared = 0;
    for (const endpoint of [...eligible("huggingface"), ...eligible("databricks")]) {
      const query: PanelQuery = { panel, fromMs: comparedFrom(endpoint), toMs, stepMs: STEP_MS, ...(by ? { by } : {}) };
      const [ours, theirs] = await Promise.all([
        harness.runtime.backend.queryPanel(endpoint, query),
        backend.queryPanel(endpoint, query),
      ]);
      const slack = await slackOf(endpoint, query, ours);
      expect(theirs.notReported, `${endpoint.id}: both say whether ${panel} is reported`).toBe(ours.notReported);
      expect(theirs.series.map((s) => s.name).sort(), `${endpoint.id}: same series`).toEqual(
        ours.series
          .filter((s) => theirs.series.some((t) => t.name === s.name) || s.points.some((p) => p[1] !== null))
          .map((s) => s.name)
          .sort(),
      );
      for (const pair of pairs(ours, theirs)) {
        compared += 1;
        expect(
          closeEnough(pair.embedded, pair.engine, slack(pair.series, pair.t)),
          `${endpoint.id} ${panel} ${pair.series} at ${pair.t}: embedded ${pair.embedded}, ${kind} ${pair.engine}`,
        ).toBe(true);
      }
    }
    expect(compared, "points compared").toBeGreaterThan(0);
  });

  it("agrees for one replica too", async () => {
    const backend = createPrometheusBackend({ url: engines.get(kind)!.url });
    const endpoint = eligible("huggingface").find((e) => harness.runtime.store.listReplicas(e.id).length > 1)!;
    const replica = harness.runtime.store.listReplicas(endpoint.id).find((r) => r.state === "running")!.id;
    const toMs = Math.floor((Date.now() - 3000) / STEP_MS) * STEP_MS;
    let compared = 0;
    for (const panel of ["requests", "cpu", "memory", "pending"] as const) {
      const query: PanelQuery = { panel, fromMs: comparedFrom(endpoint), toMs, stepMs: STEP_MS, replica };
      const [ours, theirs] = await Promise.all([
        harness.runtime.backend.queryPanel(endpoint, query),
        backend.queryPanel(endpoint, query),
      ]);
      const slack = await slackOf(endpoint, query, ours);
      for (const pair of pairs(ours, theirs)) {
        compared += 1;
        expect(
          closeEnough(pair.embedded, pair.engine, slack(pair.series, pair.t)),
          `${panel} ${pair.series}: ${pair.embedded} vs ${pair.engine}`,
        ).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
