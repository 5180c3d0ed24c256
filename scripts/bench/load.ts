// npm run bench:load [-- --endpoints 1000 --interval 15 --duration 30 | --soak [600]]: 50 clients on the
// series API while the collector ingests, in two phases (shared charts; every answer computed). The server is the app's runtime in this process, configured
// through the environment as `npm start` is, over a fake Hugging Face fleet in a child process; the
// first BENCH_HISTORY_ENDPOINTS (4) endpoints get 30 days of history through the demo's backfill. What
// is timed is the series route handler called in-process, as the route tests call it (parameters,
// query, zod, JSON body): no HTTP server or Next.js in the path. BENCH_CLIENTS (50) sets the clients.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GET as getSeries } from "../../app/api/endpoints/[id]/series/route";
import { loadProcessConfig } from "../../lib/config/from-process";
import { createProvider } from "../../lib/providers/create";
import { openStoreIn } from "../../lib/server/data-dir";
import { startRuntime, type Runtime } from "../../lib/server/runtime";
import { DAY_MS } from "../../lib/time/horizons";
import { backfillCopies } from "./fleet/backfill-history";
import { runClients, runSequential, type AnsweredLog, type AnsweredSummary } from "./fleet/clients";
import { cpuSecondsSince, fmt, liveHeapMb, loadLine, printGoals, quantile, rssMb, type Goal } from "./fleet/figures";
import { fleetEndpointName } from "../../test-support/fleet-names";
import { readFleetFlags } from "./fleet/flags";
import { createLoadMix, toSeriesUrl, type MixRequest } from "./fleet/load-mix";
import { startFakeFleet } from "./fleet/start-fleet";

const COPY_OF = "sentiment-prod";
const HISTORY_DAYS = 30;
const HISTORY_ENDPOINTS = Number(process.env.BENCH_HISTORY_ENDPOINTS ?? 4);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const GOAL = { p95Ms: 200, p99Ms: 500, rssGrowth: 0.2 };
/** The peer: every request of the mix alone, this many times over. */
const SEQUENTIAL_ROUNDS = 3;

const flags = readFleetFlags(process.argv.slice(2), { endpoints: 1000, intervalS: 15, durationS: 30 });

function latencies({ sortedMs: ms }: AnsweredSummary): string {
  return `p50 ${fmt(quantile(ms, 0.5), 1)} ms, p95 ${fmt(quantile(ms, 0.95), 1)} ms, p99 ${fmt(quantile(ms, 0.99), 1)} ms`;
}

function byKind(answered: AnsweredLog, mix: readonly MixRequest[], kind: MixRequest["kind"]): AnsweredSummary {
  return answered.summary((index) => mix[index % mix.length]!.kind === kind);
}

/**
 * The clients' two workloads: the mix as dashboards send it (viewers of the same charts share
 * answers between two scrapes), and the mix with a step of its own per request, so that every answer
 * is computed on the query thread.
 */
const PHASES = [
  { name: "shared charts", computed: false },
  { name: "every answer computed", computed: true },
] as const;
/** Step multiples in the computed phase: with the 40 requests of the mix, 3,880 distinct queries. */
const STEP_MULTIPLES = 97;

/** `CLIENTS` clients for the run's duration; prints the phase's figures and returns its goal rows. */
async function loadPhase(
  runtime: Runtime,
  name: string,
  mix: readonly MixRequest[],
  request: (index: number) => Promise<Response>,
): Promise<Goal[]> {
  const before = runtime.collector.state();
  const cacheBefore = runtime.answerCacheStats();
  const [heapStart, rssStart] = [liveHeapMb(), rssMb()];
  // Each minute of a soak: RSS, and the live heap after a full collection (a pause the latencies include).
  const seen = [{ rss: rssStart, heap: heapStart }];
  const sampler = setInterval(() => seen.push({ rss: rssMb(), heap: liveHeapMb() }), 60_000);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const log = await runClients(CLIENTS, flags.durationS * 1000, request);
  const seconds = (performance.now() - started) / 1000;
  const loadedCpuPct = (cpuSecondsSince(cpu) / seconds) * 100;
  clearInterval(sampler);
  const [rssEnd, heapEnd] = [rssMb(), liveHeapMb()];
  const loaded = log.summary();
  const collector = runtime.collector.state();
  const cacheAfter = runtime.answerCacheStats();
  const { errors, sortedMs } = loaded;
  const [p95, p99] = [quantile(sortedMs, 0.95), quantile(sortedMs, 0.99)];
  const due = (collector.eligible * seconds) / flags.intervalS;
  const scrapes = collector.scrapes - before.scrapes;

  console.log(`\n${name.toUpperCase()}: ${fmt(seconds, 1)} s; ${loadLine()} (2 shared cores: figures are noisy)`);
  console.log(
    `  ${CLIENTS} clients: ${fmt(loaded.count / seconds, 1)} req/s, ${latencies(loaded)}; ` +
      `this process used ${fmt(loadedCpuPct)} % of one core (its threads and the collector included)`,
  );
  for (const kind of ["30 days", "7 days", "per replica"] as const) {
    const some = byKind(log, mix, kind);
    console.log(
      `    ${kind.padEnd(11)} ${fmt(some.count)} requests, ${latencies(some)}, ${fmt(some.meanBytes / 1000, 1)} kB`,
    );
  }
  if (cacheBefore && cacheAfter) {
    console.log(
      `  answers: ${fmt(cacheAfter.computed - cacheBefore.computed)} computed on the query thread, ` +
        `${fmt(cacheAfter.joined - cacheBefore.joined)} joined a computation in flight, ` +
        `${fmt(cacheAfter.hits - cacheBefore.hits)} from the answer cache`,
    );
  }
  console.log(`  errors: ${fmt(errors)} of ${fmt(loaded.count)} requests not 200`);
  const failure = [...runtime.endpoints()].map(({ id }) => runtime.collector.lastOutcome(id)).find((o) => o && !o.ok);
  console.log(
    `  collector meanwhile: ${fmt(scrapes)} scrapes of the ${fmt(due)} due, ` +
      `${fmt(collector.scrapeFailures - before.scrapeFailures)} failed${failure ? ` (e.g. ${failure.error})` : ""}, ` +
      `${fmt(collector.writes.droppedScrapes - before.writes.droppedScrapes)} dropped before the store`,
  );
  console.log(
    `  RSS: ${fmt(rssStart)} MB at the start of the load, ${fmt(rssEnd)} MB at the end` +
      `; live heap ${fmt(heapStart)} → ${fmt(heapEnd)} MB` +
      (seen.length > 1
        ? ` (each minute, RSS/heap: ${seen.map((m) => `${fmt(m.rss)}/${fmt(m.heap)}`).join(", ")})`
        : ""),
  );
  return [
    [`${name}: p95`, `${fmt(p95, 1)} ms`, `< ${GOAL.p95Ms} ms`, p95 < GOAL.p95Ms],
    [`${name}: p99`, `${fmt(p99, 1)} ms`, `< ${GOAL.p99Ms} ms`, p99 < GOAL.p99Ms],
    [`${name}: errors`, fmt(errors), "0", errors === 0],
    [
      `${name}: RSS`,
      `${fmt(rssStart)} → ${fmt(rssEnd)} MB`,
      `flat within ${GOAL.rssGrowth * 100} %`,
      Math.abs(rssEnd - rssStart) <= rssStart * GOAL.rssGrowth,
    ],
  ];
}

async function main(): Promise<void> {
  console.log(
    `load: ${CLIENTS} clients for ${fmt(flags.durationS)} s; the collector scraping ${fmt(flags.endpoints)} fake ` +
      `Hugging Face endpoints every ${flags.intervalS} s; ${loadLine()}`,
  );
  const fleet = await startFakeFleet(flags.endpoints, COPY_OF);
  const dataDir = mkdtempSync(join(tmpdir(), "servescope-bench-load-"));
  Object.assign(process.env, {
    HF_ENDPOINTS_API: fleet.huggingface.url,
    HF_NAMESPACE: fleet.huggingface.namespace,
    HF_TOKEN: fleet.huggingface.token,
    SERVESCOPE_DATA_DIR: dataDir,
    SERVESCOPE_SCRAPE_INTERVAL_S: String(flags.intervalS),
  });
  const config = loadProcessConfig();
  const endpoints = await createProvider(config.sources[0]!).discover();
  const names = new Set(Array.from({ length: HISTORY_ENDPOINTS }, (_, i) => fleetEndpointName(i)));
  const history = endpoints.filter((endpoint) => names.has(endpoint.name));
  const nowMs = Date.now();
  const started = performance.now();
  const store = openStoreIn(dataDir);
  store.upsertEndpoints(endpoints, nowMs);
  const samples = backfillCopies(store, history, COPY_OF, { fromMs: nowMs - HISTORY_DAYS * DAY_MS, toMs: nowMs });
  // Autoscaling names every new replica anew: what an all-replica panel sums grows with the history.
  const replicas = history[0] ? store.listReplicas(history[0].id).length : 0;
  store.close();
  console.log(
    `history: ${fmt(samples)} samples, ${HISTORY_DAYS} days of ${history.length} endpoints (${fmt(replicas)} replicas ` +
      `seen by each), backfilled in ${fmt((performance.now() - started) / 1000, 1)} s`,
  );

  const runtime = await startRuntime();
  try {
    const mix = createLoadMix(history.map(({ id }) => ({ id, replicas: runtime.store.listReplicas(id) })));
    const scrapeIntervalMs = flags.intervalS * 1000;
    const request = (index: number, computed?: Parameters<typeof toSeriesUrl>[2]) => {
      const item = mix[index % mix.length]!;
      return getSeries(new Request(toSeriesUrl(item, Date.now(), computed)), {
        params: Promise.resolve({ id: item.endpointId }),
      });
    };
    // Warm the route and the store's caches once, as a server that has been up a while has them: each
    // request's first answer is computed on the query thread, the next ones come from the answer cache
    // until the collector writes to the endpoint again.
    const first = await runSequential(mix.length, request);
    const cpu = process.cpuUsage();
    const alone = await runSequential(mix.length * SEQUENTIAL_ROUNDS, request);
    const aloneCpuMs = (cpuSecondsSince(cpu) * 1000) / alone.length;

    console.log(
      `\nmeasured: the series route handler in-process (no HTTP server, no Next.js), ${mix.length} requests in the mix`,
    );
    console.log(
      `peer, one request alone (sequential, same run): ${latencies(alone.summary())}, ${fmt(aloneCpuMs, 1)} CPU ms a request`,
    );
    for (const kind of ["30 days", "7 days", "per replica"] as const) {
      console.log(`    ${kind.padEnd(11)} ${latencies(byKind(alone, mix, kind))}`);
    }
    console.log(`peer, each request's first answer (computed on the query thread): ${latencies(first.summary())}`);
    const goals: Goal[] = [];
    for (const phase of PHASES) {
      const phaseRequest = (index: number) =>
        request(index, phase.computed ? { stepMultiple: 1 + (index % STEP_MULTIPLES), scrapeIntervalMs } : undefined);
      goals.push(...(await loadPhase(runtime, phase.name, mix, phaseRequest)));
    }
    printGoals(goals);
  } finally {
    await runtime.stop();
    await fleet.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
