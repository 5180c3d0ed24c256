// Child process of kill-ingest.test.ts: writes numbered batches until killed, printing each
// batch number once its transaction has committed.
import { openStore } from "@/lib/store/store";

const [path] = process.argv.slice(2);
if (!path) throw new Error("usage: ingest-loop.script.ts DB_PATH");
const store = openStore(path);
const BATCH = 500;
const T0 = 1_788_717_600_000;

// Stop if the test that started us is gone, rather than write forever as an orphan.
const parent = process.ppid;
for (let batch = 0; process.ppid === parent; batch++) {
  const samples = Array.from({ length: BATCH }, (_, i) => ({
    metric: "requests_total" as const,
    labels: { replica: `r${i % 10}`, code: "200" },
    value: batch * BATCH + i,
    timestampMs: T0 + (batch * BATCH + i) * 1000,
  }));
  store.writeSamples("e", samples);
  process.stdout.write(`${batch}\n`);
}
