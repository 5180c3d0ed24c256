// npm run bench:collector [-- --endpoints 5000 --interval 60 --duration 180 | --soak [600]]: the app's
// collector, in this process, scraping a fleet of fake Hugging Face endpoints (copies of the simulated
// sentiment-prod, 2–6 replicas with GPUs) served by a child process, into a file store. CPU is this
// process's (process.cpuUsage: the fakes excluded); lateness is when each scrape started against when it
// was due. A soak (--soak) runs 10 minutes on 1,000 endpoints and watches memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCollector } from "../../lib/collector/collector";
import { readCollectorLimits } from "../../lib/collector/limits";
import { loadConfig } from "../../lib/config/load";
import { createRedactor } from "../../lib/http/redact";
import { createProvider } from "../../lib/providers/create";
import { openStoreIn } from "../../lib/server/data-dir";
import { SCRAPE_CONCURRENCY } from "../../lib/server/runtime";
import { createStoreSink } from "../../lib/server/store-sink";
import {
  cpuSecondsSince,
  fmt,
  liveHeapMb,
  loadLine,
  median,
  printGoals,
  quantile,
  rssMb,
  sleep,
  type Goal,
} from "./fleet/figures";
import { readFleetFlags } from "./fleet/flags";
import { measureParseCost } from "./fleet/parse-peer";
import { createMeasuringSink, type SavedScrape } from "./fleet/measuring-sink";
import { startFakeFleet } from "./fleet/start-fleet";

const COPY_OF = "sentiment-prod";
/** The goal: this many endpoints a minute within this share of one core. */
const GOAL = { endpointsPerMin: 5000, cpuPct: 25 };
/** Longer than a scrape takes, late as it may start (at most ~0.5 s here). */
const IN_FLIGHT_GRACE_MS = 5_000;

const flags = readFleetFlags(process.argv.slice(2), { endpoints: 5000, intervalS: 60, durationS: 180 });
const intervalMs = flags.intervalS * 1000;
const windows = Math.max(1, Math.round(flags.durationS / flags.intervalS));

/** What was sampled live at the end of each interval; scrapes are counted once all are written. */
interface Sampled {
  cpuS: number;
  rssMb: number;
  heapMb: number;
}

function windowRow(index: number, saved: readonly SavedScrape[], fromMs: number, sampled: Sampled): string {
  const inside = saved.filter((s) => s.atMs >= fromMs && s.atMs < fromMs + intervalMs);
  const lateMaxMs = Math.max(0, ...inside.map((s) => s.latenessMs));
  return (
    `${String(index + 1).padStart(8)}  ${fmt(inside.length).padStart(7)}  ${((sampled.cpuS / flags.intervalS) * 100).toFixed(1).padStart(17)}  ` +
    `${fmt(sampled.rssMb).padStart(6)}  ${fmt(sampled.heapMb).padStart(12)}  ${fmt(lateMaxMs).padStart(24)}`
  );
}

async function main(): Promise<void> {
  console.log(
    `${flags.soak ? "soak" : "collector"}: ${fmt(flags.endpoints)} fake Hugging Face endpoints (copies of ${COPY_OF}), ` +
      `interval ${flags.intervalS} s, ${windows} intervals; ${loadLine()}`,
  );
  const fleet = await startFakeFleet(flags.endpoints, COPY_OF);
  const dataDir = mkdtempSync(join(tmpdir(), "servescope-bench-collector-"));
  const config = loadConfig({
    env: {
      HF_ENDPOINTS_API: fleet.huggingface.url,
      HF_NAMESPACE: fleet.huggingface.namespace,
      HF_TOKEN: fleet.huggingface.token,
    },
    readFile: () => null,
    homeDir: "/nowhere",
  });
  const store = openStoreIn(dataDir);
  const measuring = createMeasuringSink(createStoreSink(store));
  const logged: string[] = [];
  const collector = createCollector({
    providers: config.sources.map((source) => createProvider(source)),
    sink: measuring.sink,
    intervalOverrideS: flags.intervalS,
    concurrency: SCRAPE_CONCURRENCY,
    limits: readCollectorLimits(process.env),
    redact: createRedactor(config.sources.map((source) => source.token)),
    discoveryIntervalMs: config.discoveryIntervalS * 1000,
    log: (line) => logged.push(line),
  });
  try {
    const fakeCpu0 = await fleet.cpuSeconds();
    const startCpu = process.cpuUsage();
    const rssStart = rssMb();
    let started = Date.now();
    await collector.start();
    const state0 = collector.state();
    console.log(
      `start: discovered ${fmt(state0.endpoints)} endpoints (${fmt(state0.eligible)} to scrape) in ${fmt(Date.now() - started)} ms, ` +
        `${cpuSecondsSince(startCpu).toFixed(2)} CPU s; RSS ${fmt(rssStart)} MB before, ${fmt(rssMb())} MB after`,
    );

    started = Date.now();
    const writeCpu0 = measuring.writeCpuSeconds();
    const rows: Sampled[] = [];
    for (let w = 0; w < windows; w++) {
      const windowCpu = process.cpuUsage();
      await sleep(started + (w + 1) * intervalMs - Date.now());
      const cpuS = cpuSecondsSince(windowCpu);
      // After the CPU reading: the benchmark's own collection is not the collector's cost.
      rows.push({ cpuS, rssMb: rssMb(), heapMb: liveHeapMb() });
    }
    const endedAt = Date.now();
    const cpuS = rows.reduce((n, row) => n + row.cpuS, 0);
    const writeCpuS = measuring.writeCpuSeconds() - writeCpu0;
    const fakeCpuS = (await fleet.cpuSeconds()) - fakeCpu0;
    // The scrapes due in the last instants are still in flight at the end: they count once written
    // (by due time, below). Stopped at once, the collector dropped them and the figure came out
    // ~15 short of what it had kept up with.
    await sleep(IN_FLIGHT_GRACE_MS);
    collector.flush();
    const state = collector.state();
    const [rssEnd, heapEnd] = [rssMb(), rows.at(-1)!.heapMb];
    await collector.stop();

    console.log("interval  scrapes  cpu % of one core  RSS MB  live heap MB  latest start vs due (ms)");
    rows.forEach((row, w) => console.log(windowRow(w, measuring.saved, started + w * intervalMs, row)));
    const seconds = (endedAt - started) / 1000;
    // The scrapes due in the measured intervals (all started, or the collector fell behind): counted
    // by start time instead, a schedule burst just inside or outside the window swung the figure.
    const dueUntil = started + windows * intervalMs;
    const inRun = measuring.saved.filter((s) => s.atMs - s.latenessMs >= started && s.atMs - s.latenessMs < dueUntil);
    const perMinute = inRun.length / ((windows * intervalMs) / 60_000);
    const cpuPct = (cpuS / seconds) * 100;
    const lateness = inRun.map((s) => s.latenessMs).sort((a, b) => a - b);
    const lateMax = lateness.at(-1) ?? 0;
    const lateOverInterval = lateness.filter((ms) => ms > intervalMs).length;
    const samples = inRun.reduce((n, s) => n + s.samples, 0);
    const failures = inRun.filter((s) => !s.ok);
    const failed = failures.length;
    const peer = measureParseCost(
      COPY_OF,
      Array.from({ length: 20 }, (_, i) => started + (i * (endedAt - started)) / 20),
    );
    const parsePct = peer.parseS * (perMinute / 60) * 100;
    const parseNormalizePct = peer.parseNormalizeS * (perMinute / 60) * 100;
    const goalCpuPct = GOAL.cpuPct * (perMinute / GOAL.endpointsPerMin);

    const writePct = (writeCpuS / seconds) * 100;
    const rssSettled = rows[0]?.rssMb ?? rssStart;
    const expectedPerMin = Math.min(GOAL.endpointsPerMin, (flags.endpoints * 60) / flags.intervalS);
    const errors = failed + state.writes.droppedScrapes;

    console.log(`\nSUMMARY over ${fmt(seconds)} s; ${loadLine()} (2 shared cores: figures are noisy)`);
    console.log(`  endpoints scraped: ${fmt(perMinute)} a minute (${fmt(inRun.length)} scrapes)`);
    console.log(
      `  collector CPU: ${cpuPct.toFixed(1)} % of one core over the run (median interval ${median(rows.map((r) => (r.cpuS / flags.intervalS) * 100)).toFixed(1)} %), ` +
        `of which store writes ${writePct.toFixed(1)} %; the fake upstreams used ${((fakeCpuS / seconds) * 100).toFixed(1)} % in their own process (not counted)`,
    );
    console.log(
      `  scrape lateness (start vs due): p50 ${fmt(quantile(lateness, 0.5))} ms, p99 ${fmt(quantile(lateness, 0.99))} ms, ` +
        `max ${fmt(lateMax)} ms; late by more than one interval: ${fmt(lateOverInterval)}`,
    );
    console.log(
      `  samples written: ${fmt(samples / seconds)}/s (${fmt(samples / Math.max(1, inRun.length))} a scrape, ${fmt(peer.bytes / 1000, 1)} kB of text)`,
    );
    console.log(
      `  RSS: ${fmt(rssStart)} MB before discovery, ${fmt(rssSettled)} MB after the first interval, ${fmt(rssEnd)} MB at the end ` +
        `(live heap: ${fmt(rows[0]?.heapMb ?? 0)} MB after the first interval, ${fmt(heapEnd)} MB at the end)`,
    );
    console.log(
      `  errors: ${fmt(failed)} failed scrapes${failures[0] ? ` (first: ${failures[0].error})` : ""}, ` +
        `${fmt(state.writes.droppedScrapes)} scrapes dropped before the store, ` +
        `${fmt(state.writes.pendingScrapes)} waiting, ${logged.length} log lines${logged[0] ? ` (first: ${logged[0]})` : ""}`,
    );
    console.log(
      `  peer, same run: the parser alone (best of 7 passes) would take ${parsePct.toFixed(2)} % of one core for these scrapes ` +
        `(parser + normalizer ${parseNormalizePct.toFixed(2)} %): the collector costs ${(cpuPct / parsePct).toFixed(0)}× the parse`,
    );
    const goals: Goal[] = flags.soak
      ? [
          [
            "RSS growth",
            `${fmt(rssSettled)} → ${fmt(rssEnd)} MB`,
            "within 20 % of the first interval's",
            rssEnd <= rssSettled * 1.2,
          ],
        ]
      : [
          ["endpoints a minute", fmt(perMinute), `≥ ${fmt(expectedPerMin)}`, perMinute >= expectedPerMin],
          [
            "collector CPU",
            `${cpuPct.toFixed(1)} % of one core`,
            `≤ ${GOAL.cpuPct} % at 5,000 a minute${perMinute < GOAL.endpointsPerMin ? ` (${goalCpuPct.toFixed(1)} % pro rata)` : ""}`,
            cpuPct <= goalCpuPct,
          ],
        ];
    goals.push(
      ["latest scrape", `${fmt(lateMax)} ms late`, `≤ one interval (${fmt(intervalMs)} ms)`, lateMax <= intervalMs],
      ["errors", fmt(errors), "0", errors === 0],
    );
    printGoals(goals);
  } finally {
    await collector.stop();
    store.close();
    await fleet.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
