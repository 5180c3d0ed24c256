// npm run fuzz — the parser (strict and tolerant) over millions of mutated inputs from the conformance
// corpus, the fixtures and the real servers' captures, one process per core. Counts crashes (anything thrown
// that is not the parser's own ParseError) and hangs (an input still running after HANG_MS); saves
// each such input under test-results/fuzz/. FUZZ_INPUTS (default 10,000,000), FUZZ_SEED (default 1).
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { ParseError, parseExposition } from "../lib/openmetrics/parse";
import { createRandom, fuzzInput, readFuzzCorpus } from "../test-support/fuzz";

const HANG_MS = 10_000;
const SLOW_MS = 100;
const REPORT_EVERY = 2000;

interface Job {
  seed: number;
  count: number;
}

type Report =
  | { kind: "progress"; done: number; thrown: number; slow: number; slowestMs: number }
  | { kind: "crash"; index: number; error: string };

const send = (report: Report) => process.send!(report);

function runWorker({ seed, count }: Job): void {
  const corpus = readFuzzCorpus();
  const random = createRandom(seed);
  let thrown = 0;
  let slow = 0;
  let slowestMs = 0;
  for (let index = 0; index < count; index++) {
    const text = fuzzInput(corpus, random);
    for (const strict of [true, false]) {
      const started = performance.now();
      try {
        parseExposition(text, { strict });
      } catch (error) {
        if (error instanceof ParseError) thrown++;
        else send({ kind: "crash", index, error: String(error) });
      }
      const ms = performance.now() - started;
      if (ms > SLOW_MS) slow++;
      slowestMs = Math.max(slowestMs, ms);
    }
    if ((index + 1) % REPORT_EVERY === 0 || index + 1 === count)
      send({ kind: "progress", done: index + 1, thrown, slow, slowestMs });
  }
}

/** The input a worker was on: replayed from its seed, so it can be saved and reproduced. */
function replayInput(seed: number, index: number): string {
  const corpus = readFuzzCorpus();
  const random = createRandom(seed);
  let text = "";
  for (let i = 0; i <= index; i++) text = fuzzInput(corpus, random);
  return text;
}

async function main(): Promise<void> {
  const total = Number(process.env.FUZZ_INPUTS ?? 10_000_000);
  const baseSeed = Number(process.env.FUZZ_SEED ?? 1);
  const workers = availableParallelism();
  const out = "test-results/fuzz";
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const failures: string[] = [];
  const save = (what: string, seed: number, index: number, detail: string) => {
    const file = `${out}/${what}-seed${seed}-input${index}.txt`;
    writeFileSync(file, replayInput(seed, index));
    failures.push(`${what}: seed ${seed} input ${index}: ${detail} (${file})`);
  };
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const job: Job = { seed: baseSeed * 1000 + w, count: Math.ceil(total / workers) };
      return new Promise<Extract<Report, { kind: "progress" }>>((resolve) => {
        let last: Extract<Report, { kind: "progress" }> = {
          kind: "progress",
          done: 0,
          thrown: 0,
          slow: 0,
          slowestMs: 0,
        };
        // A process, not a thread: a parser stuck in a loop can still be killed.
        const worker = fork(fileURLToPath(import.meta.url), [], {
          execArgv: ["--import", "tsx"],
          env: { ...process.env, FUZZ_JOB: JSON.stringify(job) },
        });
        let watchdog = setTimeout(() => undefined, 0);
        const arm = () => {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            // No report for HANG_MS: the worker is stuck inside one of the next REPORT_EVERY inputs.
            save("hang", job.seed, last.done, `no progress for ${HANG_MS} ms after input ${last.done}`);
            worker.kill("SIGKILL");
            resolve(last);
          }, HANG_MS);
        };
        arm();
        worker.on("message", (report: Report) => {
          if (report.kind === "crash") return save("crash", job.seed, report.index, report.error);
          last = report;
          arm();
          if (report.done === job.count) {
            clearTimeout(watchdog);
            worker.disconnect();
            resolve(last);
          }
        });
        worker.on("exit", (code, signal) => {
          clearTimeout(watchdog);
          // Killed by the watchdog, or gone before its last report: either way its count stops here.
          if (last.done < job.count && signal !== "SIGKILL")
            save("crash", job.seed, last.done, `worker exited (${code ?? signal}) after input ${last.done}`);
          resolve(last);
        });
      });
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const inputs = results.reduce((sum, r) => sum + r.done, 0);
  const thrown = results.reduce((sum, r) => sum + r.thrown, 0);
  const slow = results.reduce((sum, r) => sum + r.slow, 0);
  const slowest = Math.max(...results.map((r) => r.slowestMs));
  const crashes = failures.filter((f) => f.startsWith("crash")).length;
  const hangs = failures.filter((f) => f.startsWith("hang")).length;
  console.log(
    `fuzz: ${inputs.toLocaleString("en-US")} inputs × 2 modes on ${workers} workers in ${seconds.toFixed(0)} s`,
  );
  console.log(`  ${Math.round((2 * inputs) / seconds).toLocaleString("en-US")} parses/s`);
  console.log(
    `  ParseError (expected on bad input): ${thrown.toLocaleString("en-US")} of ${(2 * inputs).toLocaleString("en-US")}`,
  );
  console.log(`  slower than ${SLOW_MS} ms: ${slow}; slowest: ${slowest.toFixed(1)} ms`);
  console.log(`  crashes (not a ParseError): ${crashes}; hangs (> ${HANG_MS / 1000} s): ${hangs}`);
  for (const failure of failures) console.log(`  ${failure}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

if (process.env.FUZZ_JOB) runWorker(JSON.parse(process.env.FUZZ_JOB) as Job);
else await main();
