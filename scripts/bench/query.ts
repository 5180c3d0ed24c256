// npm run bench:query — the embedded store against a real Prometheus on the same synthetic history.
// BENCH_DAYS (default 30) shortens the history for a quick look.
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Panel } from "../../lib/api/schemas";
import type { CanonicalMetric, CanonicalSample } from "../../lib/model/canonical";
import { createStoreBackend } from "../../lib/query/store-backend";
import { resolvePanelQuery } from "../../lib/query/resolve-query";
import { makeEndpoint } from "../../lib/query/testing";
import { openStore } from "../../lib/store/store";

const S = 1000;
const HOUR = 3600 * S;
const DAY = 24 * HOUR;
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const REPLICAS = 16;
const CHUNK_MS = 2 * HOUR;
const BATCH_MS = 5 * 60 * S;
const REPS = 7;
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const START = NOW - DAYS * DAY;

const hf = makeEndpoint("bench.hf", "huggingface", { maxReplicas: REPLICAS });
const dbx = makeEndpoint("bench.dbx", "databricks");

interface SeriesDef {
  endpointId: string;
  metric: CanonicalMetric;
  labels: Record<string, string> & { replica: string };
  intervalMs: number;
  /** Value at sample index i (state kept in the closure: counters accumulate). */
  next: (i: number, t: number) => number;
}

/** Cheap deterministic noise in [0, 1). */
function noise(seed: number, i: number): number {
  const x = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const diurnal = (t: number) => 1 + 0.5 * Math.sin((2 * Math.PI * t) / DAY);

function defineSeries(): SeriesDef[] {
  const defs: SeriesDef[] = [];
  let seed = 1;
  const add = (d: Omit<SeriesDef, "next">, make: (seed: number) => SeriesDef["next"]) =>
    defs.push({ ...d, next: make(seed++) });
  for (let r = 0; r < REPLICAS; r++) {
    const replica = `r${String(r).padStart(2, "0")}`;
    const base = { endpointId: hf.id, intervalMs: 15 * S };
    for (const [code, share] of [
      ["200", 1],
      ["429", 0.01],
      ["500", 0.005],
    ] as const) {
      add({ ...base, metric: "requests_total", labels: { replica, code } }, (sd) => {
        let total = 0;
        return (i, t) => {
          if (i % (4 * 5760) === 5760 * (r % 4)) total = 0; // a restart every four days
          total += Math.round(15 * 20 * share * diurnal(t) * (0.5 + noise(sd, i)));
          return total;
        };
      });
    }
    for (const [quantile, factor] of [
      ["0.5", 1],
      ["0.9", 2],
      ["0.95", 3],
      ["0.99", 5],
    ] as const) {
      add(
        { ...base, metric: "latency_quantile_ms", labels: { replica, quantile } },
        (sd) => (i) => Math.round(40 * factor * (1 + noise(sd, i)) * 100) / 100,
      );
    }
    add({ ...base, metric: "pending_requests", labels: { replica } }, (sd) => (i) => Math.floor(10 * noise(sd, i)));
    for (const metric of ["cpu_percent", "memory_percent"] as const) {
      add(
        { ...base, metric, labels: { replica } },
        (sd) => (i, t) => Math.round(30 * diurnal(t) * (1 + noise(sd, i)) * 100) / 100,
      );
    }
    for (const metric of ["gpu_percent", "vram_percent"] as const) {
      add(
        { ...base, metric, labels: { replica, gpu: "0" } },
        (sd) => (i) => Math.round(100 * noise(sd, i) * 100) / 100,
      );
    }
  }
  const per = { endpointId: dbx.id, intervalMs: 60 * S };
  const all = "all";
  for (const [cls, share] of [
    ["all", 1],
    ["4xx", 0.02],
    ["5xx", 0.01],
  ] as const) {
    add(
      { ...per, metric: "requests_per_minute", labels: { replica: all, class: cls } },
      (sd) => (i, t) => Math.round(1200 * share * diurnal(t) * (0.5 + noise(sd, i))),
    );
  }
  const les = [
    "5",
    "10",
    "25",
    "50",
    "100",
    "250",
    "500",
    "1000",
    "2500",
    "5000",
    "10000",
    "30000",
    "60000",
    "600000",
    "+Inf",
  ];
  les.forEach((le, j) =>
    add(
      { ...per, metric: "latency_bucket_ms", labels: { replica: all, le } },
      () => (i, t) => Math.round(1200 * diurnal(t) * Math.min(1, (j + 1) / 8) * (1 - 0.1 * noise(99, i))),
    ),
  );
  for (const [metric, gpu] of [
    ["cpu_percent"],
    ["memory_percent"],
    ["gpu_percent", "gpu0"],
    ["gpu_percent", "gpu1"],
    ["vram_percent", "gpu0"],
    ["vram_percent", "gpu1"],
    ["provisioned_concurrency"],
  ] as const) {
    const labels: SeriesDef["labels"] = gpu ? { replica: all, gpu } : { replica: all };
    add({ ...per, metric, labels }, (sd) => (i) => Math.round(100 * noise(sd, i) * 100) / 100);
  }
  return defs;
}

/** Values of every series for one 2-hour chunk: chunk[series][k] at times start + (k+1)·interval. */
function generateChunk(defs: SeriesDef[], chunkStart: number): Float64Array[] {
  return defs.map((d) => {
    const n = CHUNK_MS / d.intervalMs;
    const values = new Float64Array(n);
    const i0 = (chunkStart - START) / d.intervalMs;
    for (let k = 0; k < n; k++) values[k] = d.next(i0 + k + 1, chunkStart + (k + 1) * d.intervalMs);
    return values;
  });
}

/** One 2-hour chunk as OpenMetrics: each family in one block (as the format demands), seconds. */
function toOpenMetrics(defs: SeriesDef[], chunk: Float64Array[], chunkStart: number): string {
  const lines: string[] = [];
  const familyOrder = defs.map((_, s) => s).sort((a, b) => defs[a]!.metric.localeCompare(defs[b]!.metric));
  for (const s of familyOrder) {
    const d = defs[s]!;
    const labels = Object.entries({ endpoint: d.endpointId, ...d.labels })
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    const values = chunk[s]!;
    for (let k = 0; k < values.length; k++) {
      lines.push(`${d.metric}{${labels}} ${values[k]} ${(chunkStart + (k + 1) * d.intervalMs) / 1000}`);
    }
  }
  return `${lines.join("\n")}\n# EOF\n`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

async function timeIt(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

function duBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? duBytes(path) : statSync(path).size;
  }
  return total;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const PANELS: Array<{ endpoint: typeof hf; panel: Panel; promql: (sel: string, w: string) => string[] }> = [
  {
    endpoint: hf,
    panel: "requests",
    promql: (s, w) => [
      `sum by (class) (label_replace(rate(requests_total{${s}}[${w}]), "class", "\${1}xx", "code", "(.).."))`,
    ],
  },
  {
    endpoint: hf,
    panel: "latency",
    promql: (s, w) => [`avg by (quantile) (avg_over_time(latency_quantile_ms{${s}}[${w}]))`],
  },
  { endpoint: hf, panel: "pending", promql: (s, w) => [`sum(avg_over_time(pending_requests{${s}}[${w}]))`] },
  {
    endpoint: hf,
    panel: "replicas",
    promql: (s, w) => [`count(count by (replica) (count_over_time(cpu_percent{${s}}[${w}])))`],
  },
  ...(["cpu", "memory", "gpu", "vram"] as const).map((panel) => ({
    endpoint: hf,
    panel,
    promql: (s: string, w: string) => [`avg(avg_over_time(${panel}_percent{${s}}[${w}]))`],
  })),
  {
    endpoint: dbx,
    panel: "requests",
    promql: (s, w) => [`sum by (class) (avg_over_time(requests_per_minute{${s}}[${w}])) / 60`],
  },
  {
    endpoint: dbx,
    panel: "latency",
    promql: (s, w) =>
      ["0.5", "0.9", "0.95", "0.99"].map(
        (q) => `histogram_quantile(${q}, sum by (le) (sum_over_time(latency_bucket_ms{${s}}[${w}])))`,
      ),
  },
  { endpoint: dbx, panel: "cpu", promql: (s, w) => [`avg(avg_over_time(cpu_percent{${s}}[${w}]))`] },
  {
    endpoint: dbx,
    panel: "concurrency",
    promql: (s, w) => [`sum(avg_over_time(provisioned_concurrency{${s}}[${w}]))`],
  },
];

/** promtool runs beside the ingest (one at a time, the other core is ingesting), then two at a time. */
function createBackfill(promDir: string) {
  const run = promisify(execFile);
  const queue: string[] = [];
  let active = 0;
  let limit = 1;
  let failure: unknown = null;
  let onIdle: (() => void) | null = null;
  function pump(): void {
    while (active < limit && queue.length > 0 && !failure) {
      const file = queue.shift()!;
      active++;
      run("promtool", ["tsdb", "create-blocks-from", "openmetrics", "-q", file, promDir], { maxBuffer: 1 << 26 })
        .then(() => rmSync(file))
        .catch((error: unknown) => (failure = error))
        .finally(() => {
          active--;
          pump();
        });
    }
    if ((active === 0 && queue.length === 0) || failure) onIdle?.();
  }
  return {
    add(file: string): void {
      queue.push(file);
      pump();
    },
    async drain(concurrency: number): Promise<void> {
      limit = concurrency;
      await new Promise<void>((resolve) => {
        onIdle = resolve;
        pump();
      });
      if (failure) throw failure;
    },
  };
}

interface IngestFigures {
  samples: number;
  ingestRate: number;
  rawBytesPerM: number;
  storeBytesPerM: number;
}

/** Ingests in time order, a 5-minute batch per transaction, retention every six simulated hours. */
async function ingest(
  store: ReturnType<typeof openStore>,
  defs: SeriesDef[],
  omDir: string,
  backfill: ReturnType<typeof createBackfill>,
): Promise<IngestFigures> {
  let samples = 0;
  let ingestMs = 0;
  let rawBytesPerM = 0;
  for (let chunkStart = START; chunkStart < NOW; chunkStart += CHUNK_MS) {
    const chunk = generateChunk(defs, chunkStart);
    for (let batchStart = chunkStart; batchStart < chunkStart + CHUNK_MS; batchStart += BATCH_MS) {
      const byEndpoint = new Map<string, CanonicalSample[]>([
        [hf.id, []],
        [dbx.id, []],
      ]);
      for (let t = batchStart + 15 * S; t <= batchStart + BATCH_MS; t += 15 * S) {
        defs.forEach((d, s) => {
          if ((t - chunkStart) % d.intervalMs !== 0) return;
          const value = chunk[s]![(t - chunkStart) / d.intervalMs - 1]!;
          byEndpoint.get(d.endpointId)!.push({ metric: d.metric, labels: d.labels, value, timestampMs: t });
        });
      }
      const t0 = performance.now();
      for (const [endpointId, list] of byEndpoint) samples += store.writeSamples(endpointId, list).written;
      ingestMs += performance.now() - t0;
    }
    const chunkEnd = chunkStart + CHUNK_MS;
    if (chunkEnd - START === 2 * DAY) rawBytesPerM = store.sizeBytes() / (samples / 1e6);
    if ((chunkEnd - START) % (6 * HOUR) === 0) {
      const t0 = performance.now();
      store.applyRetention(chunkEnd);
      ingestMs += performance.now() - t0;
      if ((chunkEnd - START) % (5 * DAY) === 0) console.error(`  … ${(chunkEnd - START) / DAY} days ingested`);
    }
    const file = join(omDir, `${chunkStart}.om`);
    writeFileSync(file, toOpenMetrics(defs, chunk, chunkStart));
    backfill.add(file);
    await new Promise((resolve) => setImmediate(resolve)); // let promtool workers start
  }
  store.applyRetention(NOW);
  return {
    samples,
    ingestRate: samples / (ingestMs / 1000),
    rawBytesPerM: rawBytesPerM || store.sizeBytes() / (samples / 1e6),
    storeBytesPerM: store.sizeBytes() / (samples / 1e6),
  };
}

async function main(): Promise<void> {
  if (spawnSync("promtool", ["--version"]).error) {
    console.error("promtool not found: apt-get install -y --no-install-recommends prometheus");
    process.exit(1);
  }
  const work = mkdtempSync(join(tmpdir(), "servescope-bench-"));
  const omDir = join(work, "openmetrics");
  const promDir = join(work, "prometheus");
  mkdirSync(omDir);
  mkdirSync(promDir);
  const store = openStore(join(work, "store.db"));
  const defs = defineSeries();
  console.log(`${DAYS} days, ${defs.length} series (${REPLICAS} Hugging Face replicas + Databricks), work dir ${work}`);

  const backfill = createBackfill(promDir);
  const backfillStart = performance.now();
  const { samples, ingestRate, rawBytesPerM, storeBytesPerM } = await ingest(store, defs, omDir, backfill);
  console.log(
    `store: ingested ${(samples / 1e6).toFixed(1)} M samples at ${Math.round(ingestRate).toLocaleString("en")} samples/s (promtool running beside it)`,
  );
  console.log(
    `store: ${(rawBytesPerM / 1e6).toFixed(2)} MB per M samples as raw rows (first 48 h); ${(storeBytesPerM / 1e6).toFixed(2)} MB per M after retention (48 h raw + roll-ups), ${(store.sizeBytes() / 1e6).toFixed(0)} MB in use`,
  );
  await backfill.drain(2);
  console.log(
    `prometheus: backfill done ${((performance.now() - backfillStart) / 1000).toFixed(0)} s after the ingest began`,
  );

  const port = await freePort();
  const config = join(work, "prometheus.yml");
  writeFileSync(config, "global:\n  scrape_interval: 1m\n");
  const prom = spawn(
    "prometheus",
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${promDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--storage.tsdb.retention.time=60d",
      "--log.level=error",
    ],
    { stdio: "ignore" },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let ready = false; !ready;) {
      await new Promise((r) => setTimeout(r, 500));
      ready = await fetch(`${base}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
    }
    // Let Prometheus compact the backfilled 2-hour blocks, as it would have in steady state.
    const blocks = () => readdirSync(promDir).filter((d) => /^[0-9A-Z]{26}$/.test(d)).length;
    const waitStart = performance.now();
    let last = blocks();
    let stableSince = performance.now();
    while (performance.now() - waitStart < 150_000 && performance.now() - stableSince < 75_000) {
      await new Promise((r) => setTimeout(r, 5000));
      const now = blocks();
      if (now !== last) [last, stableSince] = [now, performance.now()];
    }
    const promBytesPerM = duBytes(promDir) / (samples / 1e6);
    console.log(`prometheus: ${blocks()} blocks, ${(promBytesPerM / 1e6).toFixed(2)} MB per M samples`);

    const backend = createStoreBackend(store);
    const ranges: Array<[string, number]> = [
      ["1h", HOUR],
      ["24h", DAY],
      ["7d", 7 * DAY],
      ["30d", 30 * DAY],
    ];
    const rows: string[][] = [
      ["panel", "range", "replica", "step", "ours p50", "ours p95", "prom p50", "prom p95", "ratio p95"],
    ];
    let worst30dP95 = 0;
    let worst30dRatio = 0;
    for (const [rangeName, rangeMs] of ranges.filter(([, ms]) => ms <= DAYS * DAY)) {
      for (const { endpoint, panel, promql } of PANELS) {
        for (const replica of endpoint === hf ? [undefined, "r03"] : [undefined]) {
          const scrapeIntervalMs = endpoint === hf ? 15 * S : 60 * S;
          const query = resolvePanelQuery(
            { panel, from: NOW - rangeMs, to: NOW, ...(replica ? { replica } : {}) },
            { nowMs: NOW, scrapeIntervalMs },
          );
          const ours = await timeIt(() => backend.queryPanel(endpoint, query));
          const sel = `endpoint="${endpoint.id}"${replica ? `,replica="${replica}"` : ""}`;
          const w = `${Math.max(query.stepMs, 2 * scrapeIntervalMs) / 1000}s`;
          const params = (expr: string) =>
            new URLSearchParams({
              query: expr,
              start: String(query.fromMs / 1000),
              end: String(query.toMs / 1000),
              step: String(query.stepMs / 1000),
            });
          const theirs = await timeIt(() =>
            Promise.all(
              promql(sel, w).map(async (expr) => {
                const res = await fetch(`${base}/api/v1/query_range?${params(expr)}`);
                const body = (await res.json()) as { status: string; error?: string };
                if (body.status !== "success") throw new Error(`${expr}: ${body.error}`);
              }),
            ),
          );
          const ratio = ours.p95 / theirs.p95;
          if (rangeName === "30d") {
            worst30dP95 = Math.max(worst30dP95, ours.p95);
            worst30dRatio = Math.max(worst30dRatio, ratio);
          }
          rows.push([
            `${endpoint === hf ? "hf" : "dbx"}.${panel}`,
            rangeName,
            replica ?? "all",
            `${query.stepMs / 1000}s`,
            ...[ours.p50, ours.p95, theirs.p50, theirs.p95].map((v) => v.toFixed(1)),
            ratio.toFixed(2),
          ]);
        }
      }
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join("  "));
    console.log(
      `SUMMARY ingest ${Math.round(ingestRate).toLocaleString("en")} samples/s; disk ${(rawBytesPerM / 1e6).toFixed(1)} MB/M raw, ${(storeBytesPerM / 1e6).toFixed(1)} MB/M after retention vs Prometheus ${(promBytesPerM / 1e6).toFixed(1)} MB/M; 30d worst p95 ${worst30dP95.toFixed(1)} ms, worst ratio ${worst30dRatio.toFixed(2)}× Prometheus`,
    );
  } finally {
    prom.kill("SIGTERM");
    store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
