// npm run bench:query — the embedded store against a real Prometheus on the same synthetic history.
// BENCH_DAYS (default 30) shortens the history for a quick look; BENCH_REPLICAS (default 8) widens it.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CanonicalSample } from "../../lib/model/canonical";
import { createStoreBackend } from "../../lib/query/store-backend";
import { resolvePanelQuery } from "../../lib/query/resolve-query";
import { openStore } from "../../lib/store/store";
import {
  CHUNK_MS,
  DAY,
  DAYS,
  dbx,
  defineSeries,
  generateChunk,
  hf,
  HOUR,
  NOW,
  REPLICAS,
  S,
  START,
  toOpenMetrics,
  type SeriesDef,
} from "./query/history";
import { PANELS } from "./query/panels";
import { createBackfill, duBytes, freePort } from "./query/prometheus";

const BATCH_MS = 5 * 60 * S;
const REPS = 7;

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
    // Let Prometheus compact the backfilled 2-hour blocks, as it would have in steady state (it
    // compacts once a minute: a minute without a new block means it is done).
    const blocks = () => readdirSync(promDir).filter((d) => /^[0-9A-Z]{26}$/.test(d)).length;
    const waitStart = performance.now();
    let last = blocks();
    let stableSince = performance.now();
    while (performance.now() - waitStart < 120_000 && performance.now() - stableSince < 65_000) {
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
