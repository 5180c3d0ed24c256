// npm run bench:logs — the logs API's statement over 24 hours of the demo's telemetry table, on the fake
// warehouse (DuckDB): first statement (the table loaded), one page, every page, and a search. Milliseconds
// are the fake's, with HTTP on loopback; a real warehouse adds its own queueing and scan times.
import { startFakeUpstreams } from "../../lib/fake-upstreams";
import type { LogSeverity } from "../../lib/model/log-severity";
import { createDatabricksClient } from "../../lib/providers/databricks/client";
import { readDatabricksLogs } from "../../lib/providers/databricks/logs/read-logs";
import { decodeLogCursor, type LogsQuery } from "../../lib/providers/databricks/logs/records";
import { createProvider } from "../../lib/providers/create";
import { createStatementClient } from "../../lib/providers/databricks/sql";
import { DEFAULT_HTTP_OPTIONS } from "../../lib/http";

const REPS = 7;
const DAY_MS = 86_400_000;

const fakes = await startFakeUpstreams();
const { url: host, token } = fakes.databricks;
const source = {
  kind: "databricks" as const,
  id: "databricks",
  host,
  token,
  scrapeIntervalS: 60,
  warehouseId: fakes.sqlWarehouse.id,
};
const endpoint = (await createProvider(source).discover()).find((e) => e.name === "recsys-features")!;
const readers = {
  sql: createStatementClient({ host, token, warehouseId: fakes.sqlWarehouse.id }),
  serving: createDatabricksClient(host, token, DEFAULT_HTTP_OPTIONS),
};
const now = Date.now();
const base = (minSeverity: LogSeverity, limit: number, text: string | null = null): LogsQuery => ({
  fromMs: now - DAY_MS,
  toMs: now,
  minSeverity,
  text,
  limit,
  before: null,
});

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function allPages(query: LogsQuery): Promise<{ rows: number; pages: number }> {
  let rows = 0;
  let pages = 0;
  for (let before = null as LogsQuery["before"]; ;) {
    const page = await readDatabricksLogs(endpoint, readers, { ...query, before });
    rows += page.logs.length;
    pages += 1;
    if (!page.nextBefore) return { rows, pages };
    before = decodeLogCursor(page.nextBefore);
  }
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} (${times.length} runs)`;
}

const first = await timed(() => readDatabricksLogs(endpoint, readers, base("ERROR", 100)));
const stats = fakes.sqlWarehouse.stats();
console.log(
  `first statement: ${first.ms.toFixed(0)} ms (DuckDB opened in ${stats?.openMs.toFixed(0)} ms, ` +
    `${stats?.rows.toLocaleString("en-US")} rows of 7 days loaded in ${stats?.loadMs.toFixed(0)} ms)`,
);
for (const [label, query] of [
  ["24 h, ERROR+, first page of 100", base("ERROR", 100)],
  ["24 h, ERROR+, first page of 500", base("ERROR", 500)],
  ["24 h, INFO+, search 'feature store', page of 500", base("INFO", 500, "feature store")],
] as const) {
  const runs = [];
  for (let i = 0; i < REPS; i++) runs.push(await timed(() => readDatabricksLogs(endpoint, readers, query)));
  console.log(`${label}: ${runs[0]!.value.logs.length} rows, ${summary(runs.map((r) => r.ms))}`);
}
for (const severity of ["ERROR", "INFO"] as const) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await timed(() => allPages(base(severity, 500))));
  const { rows, pages } = runs[0]!.value;
  console.log(
    `24 h, ${severity}+, every page of 500: ${rows.toLocaleString("en-US")} rows in ${pages} pages, ${summary(runs.map((r) => r.ms))}`,
  );
}
// The fake answers PENDING to a submit, as a busy warehouse does: the client's first poll waits 250 ms.
fakes.sqlWarehouse.configure({ pollsBeforeResult: 0 });
const direct = [];
for (let i = 0; i < REPS; i++)
  direct.push(await timed(() => readDatabricksLogs(endpoint, readers, base("ERROR", 500))));
console.log(`24 h, ERROR+, first page of 500, answered at submit: ${summary(direct.map((r) => r.ms))}`);
await fakes.close();
