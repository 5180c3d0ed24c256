// npm run bench:ui — the production UI in Chromium, against the demo server whose store also holds
// one endpoint with 30 days × 16 replicas of history (LLM families included) and enough endpoints for
// a fleet of FLEET_SIZE rows. Needs a production build (`npm run build`). BENCH_RUNS (default 3) sets
// the repetitions, FLEET_SIZE (default 1,000) the fleet.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import type { CanonicalSample } from "../../lib/model/canonical";
import type { DiscoveredEndpoint } from "../../lib/model/endpoint";
import { openStore, type Store } from "../../lib/store";
import { CHROMIUM_LAUNCH_OPTIONS } from "../../e2e/chromium";
import { waitForHydration } from "../../e2e/hydration";
import { makeEndpoint } from "../../test-support/endpoints";
import { freePort } from "../../test-support/free-port";
import { median } from "./fleet/figures";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const REPLICAS = 16;
const FLEET_SIZE = Number(process.env.FLEET_SIZE ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The demo's Hugging Face source: endpoints of unconfigured sources are not listed. */
const SOURCE = "huggingface";
const BIG_ID = `${SOURCE}.bench-30d`;
/** The issue "Interactive at scale": every view, per replica too, over 30 days. */
const GOALS = { endpointMs: 500, zoomMs: 300, fleetMs: 1000 };
/** Cumulative histogram bounds (ms) of the LLM servers' time to first token and inter-token latency. */
const TTFT_LE = ["50", "100", "250", "500", "1000", "2500", "+Inf"];
const ITL_LE = ["5", "10", "20", "50", "100", "250", "+Inf"];

function benchEndpoint(name: string, maxReplicas: number): DiscoveredEndpoint {
  return makeEndpoint(`${SOURCE}.${name}`, "huggingface", {
    model: { name: "bench/model", version: "1", details: {} },
    scaling: {
      minReplicas: 1,
      maxReplicas,
      readyReplicas: maxReplicas,
      targetReplicas: maxReplicas,
      scaleToZero: false,
    },
    // Nothing listens here: the collector's scrapes fail fast and the history stays as written.
    scrape: { url: `http://127.0.0.1:9/${name}`, intervalS: 60 },
  });
}

/** Sample times like the store keeps them: raw minutes for 48 hours, 5-minute roll-ups before. */
function sampleTimes(fromMs: number): number[] {
  const times: number[] = [];
  for (let t = fromMs; t <= NOW; t += NOW - t > 2 * DAY ? 5 * MINUTE : MINUTE) times.push(t);
  return times;
}

/** Request, latency, pending and hardware families per replica; with `llm`, an LLM server's too. */
function writeHistory(store: Store, endpointId: string, replicas: number, fromMs: number, llm: boolean): number {
  const ids = Array.from({ length: replicas }, (_, r) => `replica-${String(r).padStart(2, "0")}`);
  const counters = new Map<string, number>();
  let written = 0;
  let batch: CanonicalSample[] = [];
  let previous = fromMs;
  for (const t of sampleTimes(fromMs)) {
    const dtS = (t - previous) / 1000;
    previous = t;
    ids.forEach((replica, r) => {
      const wave = Math.sin(t / (3 * HOUR) + r);
      const rate = 20 + 8 * wave;
      const count = (metric: CanonicalSample["metric"], labels: Record<string, string>, perS: number) => {
        const key = `${replica}/${metric}/${JSON.stringify(labels)}`;
        const total = (counters.get(key) ?? 0) + perS * dtS;
        counters.set(key, total);
        batch.push({ metric, labels: { replica, ...labels }, value: total, timestampMs: t });
      };
      for (const [code, share] of [
        ["200", 0.97],
        ["429", 0.02],
        ["503", 0.01],
      ] as const) {
        count("requests_total", { code }, rate * share);
      }
      for (const [quantile, base] of [
        ["0.5", 40],
        ["0.9", 90],
        ["0.95", 120],
        ["0.99", 250],
      ] as const) {
        const value = base * (1 + 0.2 * wave);
        batch.push({ metric: "latency_quantile_ms", labels: { replica, quantile }, value, timestampMs: t });
      }
      batch.push({ metric: "pending_requests", labels: { replica }, value: 2 + 2 * wave, timestampMs: t });
      batch.push({ metric: "cpu_percent", labels: { replica }, value: 50 + 20 * wave, timestampMs: t });
      batch.push({ metric: "memory_percent", labels: { replica }, value: 60 + 5 * wave, timestampMs: t });
      batch.push({ metric: "gpu_percent", labels: { replica, gpu: "0" }, value: 70 + 15 * wave, timestampMs: t });
      batch.push({ metric: "vram_percent", labels: { replica, gpu: "0" }, value: 75 + 3 * wave, timestampMs: t });
      if (!llm) return;
      TTFT_LE.forEach((le, i) => count("ttft_bucket_cumulative_ms", { le }, (rate * (i + 1 + wave)) / TTFT_LE.length));
      ITL_LE.forEach((le, i) => count("itl_bucket_cumulative_ms", { le }, (rate * 50 * (i + 1)) / ITL_LE.length));
      count("prompt_tokens_total", {}, rate * 400);
      count("generation_tokens_total", {}, rate * 150 * (1 + 0.3 * wave));
      count("prefix_cache_queries_total", {}, rate * 400);
      count("prefix_cache_hits_total", {}, rate * 400 * (0.5 + 0.2 * wave));
      batch.push({ metric: "kv_cache_percent", labels: { replica }, value: 40 + 25 * wave, timestampMs: t });
    });
    if (batch.length > 50_000) {
      store.writeSamples(endpointId, batch);
      written += batch.length;
      batch = [];
    }
  }
  store.writeSamples(endpointId, batch);
  const sightings = ids.map((id) => ({ id, state: "running" }));
  store.observeReplicas(endpointId, sightings, fromMs);
  store.observeReplicas(endpointId, sightings, NOW);
  return written + batch.length;
}

async function waitForHealth(baseUrl: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not become healthy");
}

/** JSON bytes the page fetched from the API, and its slowest API answer, since the last reset. */
function watchApi(page: Page): { reset(): void; bytes(): number; slowestMs(): number } {
  let bytes = 0;
  let slowestMs = 0;
  page.on("requestfinished", (request) => {
    if (!request.url().includes("/api/")) return;
    slowestMs = Math.max(slowestMs, request.timing().responseEnd);
    // A body is gone once the page navigates away; such a late response is not counted.
    request
      .response()
      .then((response) => response?.body())
      .then((body) => (bytes += body?.length ?? 0))
      .catch(() => undefined);
  });
  return {
    reset: () => {
      bytes = 0;
      slowestMs = 0;
    },
    bytes: () => bytes,
    slowestMs: () => Math.round(slowestMs),
  };
}

/** Every chart of the view drawn, none loading or refetching. */
async function waitForCharts(page: Page, count: number, notFrom?: string): Promise<void> {
  await page.waitForFunction(
    ({ count, notFrom }) => {
      const charts = document.querySelectorAll('[data-testid="time-series-chart"]');
      if (charts.length !== count) return false;
      if (document.querySelector('[data-state="loading"], [data-refetching]')) return false;
      if (notFrom && [...charts].some((chart) => chart.getAttribute("data-from") === notFrom)) return false;
      // A line (stacked areas have one along their top).
      return [...charts].every((chart) => chart.querySelector("[data-series-line]"));
    },
    { count, notFrom },
    { timeout: 60_000, polling: "raf" },
  );
}

/** CPU ms used so far by each process of a tree (Linux /proc; USER_HZ 100), by pid. */
function cpuByPid(rootPid: number, into = new Map<number, number>()): Map<number, number> {
  try {
    const fields = readFileSync(`/proc/${rootPid}/stat`, "utf8").split(") ")[1]!.split(" ");
    into.set(rootPid, (Number(fields[11]) + Number(fields[12])) * 10);
    for (const task of readdirSync(`/proc/${rootPid}/task`)) {
      const children = readFileSync(`/proc/${rootPid}/task/${task}/children`, "utf8").split(" ").filter(Boolean);
      for (const child of children) cpuByPid(Number(child), into);
    }
  } catch {
    // The process has just exited: what it used goes uncounted.
  }
  return into;
}

/**
 * CPU ms that Chromium (this process's other children) and the server used from `start` on. Beside
 * wall time because other agents share the cores: CPU time moves far less with their load. A process
 * gone since `start` is left out; one started since counts from zero.
 */
function cpuMeter(serverPid: number) {
  const sample = () => ({ all: cpuByPid(process.pid), server: cpuByPid(serverPid) });
  const used = (before: Map<number, number>, after: Map<number, number>, keep: (pid: number) => boolean) =>
    [...after].reduce((total, [pid, ms]) => total + (keep(pid) ? ms - (before.get(pid) ?? 0) : 0), 0);
  return {
    start: sample,
    since(start: ReturnType<typeof sample>): { browserMs: number; serverMs: number } {
      const now = sample();
      const browser = (pid: number) => pid !== process.pid && !now.server.has(pid);
      return { browserMs: used(start.all, now.all, browser), serverMs: used(start.server, now.server, () => true) };
    },
  };
}

type CpuUse = ReturnType<ReturnType<typeof cpuMeter>["since"]>;

function describeCpu(uses: CpuUse[]): string {
  const browser = median(uses.map((use) => use.browserMs));
  return `CPU: browser ${browser} ms, server ${median(uses.map((use) => use.serverMs))} ms`;
}

function writeBenchStore(path: string): void {
  const store = openStore(path);
  const fleet = Array.from({ length: FLEET_SIZE - 15 }, (_, i) => benchEndpoint(`bench-fleet-${i}`, 2));
  const big = benchEndpoint("bench-30d", REPLICAS);
  store.upsertEndpoints([big, ...fleet], NOW);
  const started = Date.now();
  const samples = writeHistory(store, big.id, REPLICAS, NOW - 30 * DAY, true);
  for (const endpoint of fleet) writeHistory(store, endpoint.id, 2, NOW - HOUR, false);
  // As the server's retention would have along the 30 days: complete roll-up blocks compacted.
  store.compactAll(NOW);
  store.close();
  console.log(`history: ${samples.toLocaleString("en-US")} samples for ${BIG_ID} in ${Date.now() - started} ms`);
}

async function main(): Promise<void> {
  const root = new URL("../..", import.meta.url).pathname;
  if (!existsSync(join(root, ".next/BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  // BENCH_DATA_DIR keeps the history for the next run, which reuses it (writing it takes minutes). The
  // fleet's figures read its last hour: a reused history older than a few minutes is a fleet gone quiet,
  // cheaper to show than a live one (the endpoint pages' 30 days are unaffected).
  const keptDir = process.env.BENCH_DATA_DIR;
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), "servescope-bench-ui-"));
  if (keptDir && existsSync(join(keptDir, "servescope.db"))) console.log(`history: reused from ${keptDir}`);
  else writeBenchStore(join(dataDir, "servescope.db"));

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(root, "bin/servescope.mjs"), "demo"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SERVESCOPE_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const meter = cpuMeter(server.pid!);
  try {
    const started = Date.now();
    await waitForHealth(baseUrl);
    console.log(`demo server ready in ${Date.now() - started} ms`);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: "UTC",
      locale: "en-US",
    });
    const page = await context.newPage();
    const api = watchApi(page);
    const range = "from=now-30d&to=now&refresh=off";
    // Every view, and each with its per-replica panels drawn per replica (×16).
    const views = [
      { name: "requests", query: `?${range}`, charts: 3 },
      { name: "requests per replica", query: `?${range}&details=pending`, charts: 3 },
      { name: "hardware", query: `?${range}&view=hardware`, charts: 4 },
      { name: "hardware per replica", query: `?${range}&view=hardware&details=cpu,gpu,memory,vram`, charts: 4 },
      { name: "timeline", query: `?${range}&view=timeline`, charts: 1 },
      { name: "llm", query: `?${range}&view=llm`, charts: 6 },
      { name: "llm per replica", query: `?${range}&view=llm&details=kv_cache,pending`, charts: 6 },
    ];
    // Warm the server's routes and the browser cache once, as a returning user would have.
    await page.goto(`${baseUrl}/endpoints/${BIG_ID}${views[0]!.query}`);
    await waitForCharts(page, views[0]!.charts);

    for (const view of views) {
      const loads: number[] = [];
      const zooms: number[] = [];
      const loadCpu: CpuUse[] = [];
      const zoomCpu: CpuUse[] = [];
      let loadBytes = 0;
      let zoomBytes = 0;
      let loadServerMs = 0;
      let zoomServerMs = 0;
      for (let run = 0; run < RUNS; run++) {
        await page.goto("about:blank");
        api.reset();
        let cpu = meter.start();
        const t0 = Date.now();
        await page.goto(`${baseUrl}/endpoints/${BIG_ID}${view.query}`);
        await waitForCharts(page, view.charts);
        loads.push(Date.now() - t0);
        loadCpu.push(meter.since(cpu));
        await page.waitForTimeout(300);
        loadBytes = api.bytes();
        loadServerMs = api.slowestMs();

        const chart = page.locator('[data-testid="time-series-chart"] .recharts-surface').first();
        const box = (await chart.boundingBox())!;
        const before = await page.locator('[data-testid="time-series-chart"]').first().getAttribute("data-from");
        const y = box.y + box.height / 3;
        await page.mouse.move(box.x + 56 + 0.3 * (box.width - 72), y);
        await page.mouse.down();
        await page.mouse.move(box.x + 56 + 0.5 * (box.width - 72), y, { steps: 5 });
        api.reset();
        cpu = meter.start();
        const t1 = Date.now();
        await page.mouse.up();
        await waitForCharts(page, view.charts, before ?? undefined);
        zooms.push(Date.now() - t1);
        zoomCpu.push(meter.since(cpu));
        await page.waitForTimeout(300);
        zoomBytes = api.bytes();
        zoomServerMs = api.slowestMs();
      }
      console.log(
        `endpoint page (${view.name}): load ${median(loads)} ms (runs ${loads.join(", ")}; goal ≤ ${GOALS.endpointMs}), ${describeCpu(loadCpu)}, ${(loadBytes / 1024).toFixed(0)} KiB JSON, slowest API answer ${loadServerMs} ms`,
      );
      console.log(
        `drag-zoom (${view.name}): ${median(zooms)} ms (runs ${zooms.join(", ")}; goal ≤ ${GOALS.zoomMs}), ${describeCpu(zoomCpu)}, ${(zoomBytes / 1024).toFixed(0)} KiB JSON, slowest API answer ${zoomServerMs} ms`,
      );
    }

    const fleetTimes: number[] = [];
    const fleetInteractive: number[] = [];
    const fleetScrolls: number[] = [];
    const fleetCpu: CpuUse[] = [];
    let fleetBytes = 0;
    let fleetServerMs = 0;
    for (let run = 0; run < RUNS; run++) {
      await page.goto("about:blank");
      api.reset();
      const cpu = meter.start();
      const t0 = Date.now();
      // From the first byte on: rows rendered on the server are on screen before the load event.
      const html = await page.goto(baseUrl, { waitUntil: "commit" });
      // The table draws the rows in view (a screenful and more) and counts them all.
      await page.waitForFunction(
        (size) =>
          document.querySelectorAll("tbody tr[data-endpoint-id]").length >= 20 &&
          Number(document.querySelector("table[aria-rowcount]")?.getAttribute("aria-rowcount")) > size,
        FLEET_SIZE,
        { timeout: 60_000, polling: "raf" },
      );
      fleetTimes.push(Date.now() - t0);
      // The rows are server-rendered HTML: sorting and filtering work once React has hydrated them.
      await waitForHydration(page, "tbody tr[data-endpoint-id]", 60_000);
      fleetInteractive.push(Date.now() - t0);
      fleetCpu.push(meter.since(cpu));
      // The far end of the table: its last row is drawn when scrolled to.
      const t2 = Date.now();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(
        () => {
          const count = document.querySelector("table[aria-rowcount]")?.getAttribute("aria-rowcount");
          return document.querySelector(`tbody tr[aria-rowindex="${count}"]`) !== null;
        },
        undefined,
        { timeout: 60_000, polling: "raf" },
      );
      fleetScrolls.push(Date.now() - t2);
      await page.waitForTimeout(300);
      fleetBytes = api.bytes() + ((await html?.body())?.length ?? 0);
      fleetServerMs = Math.max(api.slowestMs(), Math.round(html?.request().timing().responseEnd ?? 0));
    }
    const rows = Number(await page.locator("table[aria-rowcount]").getAttribute("aria-rowcount")) - 1;
    console.log(
      `fleet page (${rows} endpoints): ${median(fleetTimes)} ms (runs ${fleetTimes.join(", ")}; goal ≤ ${GOALS.fleetMs}), interactive ${median(fleetInteractive)} ms (runs ${fleetInteractive.join(", ")}), scrolled to the last row ${median(fleetScrolls)} ms, ${describeCpu(fleetCpu)}, ${(fleetBytes / 1024).toFixed(0)} KiB HTML and JSON, slowest answer ${fleetServerMs} ms`,
    );
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
