import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { GroupBy, Panel, SeriesResponse } from "@/lib/api/schemas";
import { createPrometheusBackend } from "@/lib/backends/prometheus/backend";
import { quoteLabelValue } from "@/lib/backends/prometheus/plan";
import {
  findEngineBinary,
  startEngine,
  type EngineKind,
  type EngineProcess,
} from "@/test-support/prometheus/engine-process";
import { renderPrometheusConfig } from "@/lib/integrations/prometheus-config";
import type { FakeUpstreams } from "@/lib/fake-upstreams";
import { prometheusJobName } from "@/lib/integrations/prometheus-config";
import { panelsOfView } from "@/lib/panels/catalog";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery } from "@/lib/query/types";
import { expectationsAt, marginOf, type Expectation, type Timing } from "@/test-support/agreement-allowance";
import { NO_EXTRAPOLATION, prometheusRateFactor, type RateFactor } from "@/test-support/prometheus-rate-factor";
import { startServerHarness } from "@/test-support/server-harness";
import { createServedTruth, type ServedTruth } from "@/test-support/simulated-truth";
import { waitForAsync } from "@/test-support/wait-for";

/**
 * The embedded store's numbers against PromQL's: the dashboard (collector → SQLite → query layer)
 * and a real Prometheus-compatible engine, configured by the dashboard's own generated
 * prometheus.yml, scrape the same fake upstreams. At every grid point, what the simulation served
 * says whether both sides answer, and by how much they may differ beyond 1 % (agreement-allowance.ts).
 */
const SCRAPE_S = 1;
const COLLECT_MS = 95_000;
const STEP_MS = 30_000;
const ENGINES: EngineKind[] = ["prometheus", "victoria-metrics"];
const TIMING: Timing = { stepMs: STEP_MS, scrapeMs: SCRAPE_S * 1000, edgeMs: 2 * SCRAPE_S * 1000 };
/** A finished scrape is searchable within this: the collector flushes each second, VictoriaMetrics buffers a second. */
const INGEST_MS = 2000;
/** Rendering what the fakes served around each window takes a few seconds on a loaded machine. */
const COMPUTE_TIMEOUT_MS = 120_000;
/** The Prometheus backend's counter window: a step, at least four scrapes (promql.ts). */
const RATE_WINDOW_MS = Math.max(STEP_MS, 4 * TIMING.scrapeMs);

let harness: Awaited<ReturnType<typeof startServerHarness>>;
let truth: ServedTruth;
const engines = new Map<EngineKind, EngineProcess>();
let scraped: DiscoveredEndpoint[] = [];
let workDir: string;
let startedAt: number;
/** When collecting ended: the comparisons (busy working out allowances) may delay the collector's later scrapes. */
let collectedAt: number;

/** Every platform's fakes, the self-hosted servers too: only a configuration file names replicas and GPU exporters. */
function configFileEnv(fakes: FakeUpstreams): Record<string, string> {
  const path = join(workDir, "sources.json");
  const sources = [
    { kind: "databricks", id: "databricks", host: fakes.databricks.url, token: fakes.databricks.token },
    {
      kind: "huggingface",
      id: "huggingface",
      namespace: fakes.huggingface.namespace,
      apiBase: fakes.huggingface.url,
      token: fakes.huggingface.token,
    },
    { kind: "openmetrics", id: "openmetrics", targets: fakes.openmetrics.targets, token: fakes.openmetrics.token },
  ];
  writeFileSync(path, JSON.stringify({ sources }), { mode: 0o600 });
  return { SERVESCOPE_CONFIG: path, SERVESCOPE_SCRAPE_INTERVAL_S: String(SCRAPE_S) };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "servescope-agreement-"));
  harness = await startServerHarness(configFileEnv);
  truth = createServedTruth(harness.fakes.simulation, harness.fakes.openmetrics.targets);
  const secretsDir = join(workDir, "secrets");
  mkdirSync(secretsDir);
  for (const source of harness.runtime.config.sources) {
    if ("token" in source && source.token)
      writeFileSync(join(secretsDir, `${source.id}.token`), source.token, { mode: 0o600 });
  }
  // The endpoints both sides scrape: the engines' configuration is written once, from this discovery.
  scraped = harness.runtime.endpoints().filter((e) => e.metrics.available);
  const configPath = join(workDir, "prometheus.yml");
  writeFileSync(
    configPath,
    renderPrometheusConfig(scraped, harness.runtime.config.sources, { secretsDir, scrapeIntervalOverrideS: SCRAPE_S }),
  );
  for (const kind of ENGINES) {
    const binary = findEngineBinary(kind);
    if (!binary) throw new Error(`${kind} is not installed: apt-get install -y --no-install-recommends ${kind}`);
    const dataDir = join(workDir, `${kind}-data`);
    mkdirSync(dataDir);
    engines.set(kind, await startEngine(kind, binary, configPath, dataDir));
  }
  // Every side scrapes every target from here on (Prometheus begins some seconds after it is ready).
  for (const engine of engines.values()) {
    await waitForAsync(async () => {
      const body = await fetch(`${engine.url}/api/v1/query?query=${encodeURIComponent("count(up == 1)")}`).then((r) =>
        r.json(),
      );
      return Number(body?.data?.result?.[0]?.value?.[1] ?? 0) >= scraped.length;
    });
  }
  startedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, COLLECT_MS));
  harness.runtime.collector.flush();
  collectedAt = Date.now();
}, COLLECT_MS + 90_000);

afterAll(async () => {
  for (const engine of engines.values()) await engine.stop();
  await harness?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  console.log(summary());
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
  { panel: "ttft" },
  { panel: "itl" },
  { panel: "tokens" },
  { panel: "kv_cache" },
  { panel: "kv_cache", by: "replica" },
  { panel: "prefix_cache" },
  { panel: "gpu", by: "replica" },
  { panel: "vram" },
];

/**
 * The grid compared: windows whose whole span, with the edge samples around it, comes after every
 * side began scraping — Databricks minutes are served for a minute after their stamp — and that end
 * early enough for every side to have written the scrapes stamped in them, even a late one.
 */
function gridOf(endpoint: DiscoveredEndpoint, kind: EngineKind): { fromMs: number; toMs: number } {
  const earliest =
    endpoint.provider === "databricks" ? startedAt - 60_000 + STEP_MS : startedAt + STEP_MS + TIMING.edgeMs;
  // A scrape stamped t ends within its timeout (an interval), is written, then hidden for the engine's latency.
  const latest = collectedAt - TIMING.scrapeMs - INGEST_MS - engines.get(kind)!.latencyMs - TIMING.edgeMs;
  return { fromMs: Math.ceil(earliest / STEP_MS) * STEP_MS, toMs: Math.floor(latest / STEP_MS) * STEP_MS };
}

const RangeVectorSchema = z.object({
  data: z.object({ result: z.array(z.object({ values: z.array(z.tuple([z.number(), z.string()])) })) }),
});

/**
 * Prometheus stretches a rate to a window's edges by rules on its own scrape times (its `up` series,
 * one per target: a self-hosted replica's server is one); the other sides do not extrapolate.
 */
async function rateFactors(kind: EngineKind, endpoint: DiscoveredEndpoint, query: PanelQuery) {
  if (kind !== "prometheus" || endpoint.provider === "databricks") return () => NO_EXTRAPOLATION;
  const spanS = Math.ceil((query.toMs - query.fromMs + RATE_WINDOW_MS) / 1000);
  const expr = `up{job=${quoteLabelValue(prometheusJobName(endpoint.id))}}[${spanS}s]`;
  const url = `${engines.get(kind)!.url}/api/v1/query?query=${encodeURIComponent(expr)}&time=${query.toMs / 1000}`;
  const body = RangeVectorSchema.parse(await fetch(url).then((r) => r.json()));
  const targets = body.data.result.map((s) => s.values.filter(([, up]) => up === "1").map(([ts]) => ts * 1000));
  return (tMs: number): RateFactor => {
    const factors = targets.map((stamps) => prometheusRateFactor(stamps, tMs, RATE_WINDOW_MS));
    if (factors.length === 0) return NO_EXTRAPOLATION;
    return { min: Math.min(...factors.map((f) => f.min)), max: Math.max(...factors.map((f) => f.max)) };
  };
}

interface Tally {
  compared: number;
  gaps: number;
  undecided: number;
  /** The largest |embedded − engine| ÷ (1 % + allowance) seen. */
  worst: number;
  worstAt: string;
  /** Where the schedule left it open, and why (the first few). */
  open: string[];
}

const tallies = new Map<string, Tally>();

function tallyOf(kind: EngineKind, label: string): Tally {
  const key = `${kind.padEnd(16)} ${label}`;
  let tally = tallies.get(key);
  if (!tally) tallies.set(key, (tally = { compared: 0, gaps: 0, undecided: 0, worst: 0, worstAt: "", open: [] }));
  return tally;
}

function summary(): string {
  const rows = [...tallies].map(
    ([key, t]) =>
      `${key.padEnd(40)} ${String(t.compared).padStart(4)} compared ${String(t.gaps).padStart(3)} gaps ` +
      `${String(t.undecided).padStart(2)} undecided  max |diff|/allowance ${t.worst.toFixed(3)} ${t.worstAt}` +
      t.open.map((note) => `\n    undecided: ${note}`).join(""),
  );
  const total = (kind: EngineKind) =>
    [...tallies].filter(([key]) => key.startsWith(kind)).reduce((n, [, t]) => n + t.compared, 0);
  return ["Agreement, points per engine and case:", ...rows, ...ENGINES.map((k) => `${k}: ${total(k)} compared`)].join(
    "\n",
  );
}

const pointOf = (answer: SeriesResponse, series: string, tMs: number): number | null =>
  answer.series.find((s) => s.name === series)?.points.find(([t]) => t === tMs)?.[1] ?? null;

/**
 * Both answers against the schedule, at every grid point of every series either side answered or
 * the schedule served: a value on both sides within 1 % + the allowance, a gap on both, or — only
 * where the schedule leaves it to a scrape's exact instant — either.
 */
async function compare(kind: EngineKind, label: string, endpoint: DiscoveredEndpoint, query: PanelQuery) {
  const backend = createPrometheusBackend({ url: engines.get(kind)!.url });
  const [ours, theirs] = await Promise.all([
    harness.runtime.backend.queryPanel(endpoint, query),
    backend.queryPanel(endpoint, query),
  ]);
  expect(theirs.notReported, `${endpoint.id}: both say whether ${query.panel} is reported`).toBe(ours.notReported);
  const factorAt = await rateFactors(kind, endpoint, query);
  const tally = tallyOf(kind, label);
  for (let tMs = query.fromMs; tMs <= query.toMs; tMs += query.stepMs) {
    const expected = ours.notReported
      ? new Map<string, Expectation>()
      : expectationsAt(truth, endpoint, query, tMs, TIMING, factorAt(tMs));
    const names = new Set([...expected.keys(), ...ours.series.map((s) => s.name), ...theirs.series.map((s) => s.name)]);
    for (const series of names) {
      const want = expected.get(series) ?? { kind: "gap" };
      const [a, b] = [pointOf(ours, series, tMs), pointOf(theirs, series, tMs)];
      const where = `${endpoint.id} ${label} ${series} at ${tMs}: embedded ${a}, ${kind} ${b}`;
      if (want.kind === "undecided") {
        tally.undecided += 1;
        if (tally.open.length < 2) tally.open.push(`${endpoint.name} ${series} at ${tMs}: ${want.reason}`);
      } else if (want.kind === "gap") {
        expect([a, b], `${where}: the schedule served nothing in the window`).toEqual([null, null]);
        tally.gaps += 1;
      } else {
        expect(a !== null && b !== null, `${where}: the schedule served this window`).toBe(true);
        const margin = marginOf(a!, b!, want.allowance);
        const ratio = Math.abs(a! - b!) / margin;
        expect(ratio, `${where}, allowed 1 % + ${want.allowance}`).toBeLessThanOrEqual(1);
        tally.compared += 1;
        if (ratio > tally.worst) [tally.worst, tally.worstAt] = [ratio, `(${endpoint.name} ${series})`];
      }
    }
  }
}

describe.each(ENGINES)("embedded store vs %s over the same window", (kind) => {
  it.each(CASES)(
    "$panel by $by agrees within 1 % on every endpoint",
    async ({ panel, by }) => {
      const label = `${panel}${by ? ` by ${by}` : ""}`;
      for (const endpoint of scraped) {
        await compare(kind, label, endpoint, {
          panel,
          stepMs: STEP_MS,
          ...gridOf(endpoint, kind),
          ...(by ? { by } : {}),
        });
      }
      expect(tallyOf(kind, label).compared, "points compared").toBeGreaterThan(0);
    },
    COMPUTE_TIMEOUT_MS,
  );

  it(
    "agrees for one self-hosted replica too",
    async () => {
      const endpoint = scraped.find((e) => e.provider === "openmetrics" && e.name === "vllm-chat")!;
      // The LLM view's panels, and the requests and GPU charts the drill-down shows beside them.
      for (const panel of [...panelsOfView("llm", "openmetrics"), "requests", "gpu"] as const) {
        const label = `${panel} of one self-hosted replica`;
        await compare(kind, label, endpoint, {
          panel,
          stepMs: STEP_MS,
          replica: "vllm-chat-1",
          ...gridOf(endpoint, kind),
        });
        expect(tallyOf(kind, label).compared).toBeGreaterThan(0);
      }
    },
    COMPUTE_TIMEOUT_MS,
  );

  it(
    "agrees for one replica too",
    async () => {
      const endpoint = scraped.find(
        (e) => e.provider === "huggingface" && harness.runtime.store.listReplicas(e.id).length > 1,
      )!;
      const replica = harness.runtime.store.listReplicas(endpoint.id).find((r) => r.state === "running")!.id;
      for (const panel of ["requests", "cpu", "memory", "pending"] as const) {
        await compare(kind, `${panel} of one replica`, endpoint, {
          panel,
          stepMs: STEP_MS,
          replica,
          ...gridOf(endpoint, kind),
        });
        expect(tallyOf(kind, `${panel} of one replica`).compared).toBeGreaterThan(0);
      }
    },
    COMPUTE_TIMEOUT_MS,
  );
});
