import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalSample } from "@/lib/model/canonical";
import { openStore, type Store } from "@/lib/store/store";
import { makeEndpoint, sample } from "@/test-support/endpoints";
import { figuresFrom } from "../headline";
import { createStoreBackend } from "../store-backend";
import type { PanelQuery } from "../types";
import { createQueryPool, type QueryPool } from "./pool";

const T0 = 1_788_717_600_000; // a whole hour
const S = 1000;
const endpoint = makeEndpoint("hf.chat", "huggingface", { scaling: { maxReplicas: 4 } });

/** Two replicas scraped every 15 s, from the k-th scrape to the (k + n − 1)-th. */
function scrapes(from: number, n: number): CanonicalSample[] {
  const out: CanonicalSample[] = [];
  for (let k = from; k < from + n; k++) {
    const ts = T0 + k * 15 * S;
    for (const replica of ["r1", "r2"]) {
      out.push(sample("requests_total", { replica, code: "200" }, 15 * k, ts));
      out.push(sample("requests_total", { replica, code: "503" }, replica === "r1" ? 3 * k : 0, ts));
      out.push(sample("latency_quantile_ms", { replica, quantile: "0.99" }, replica === "r1" ? 80 : 40, ts));
      out.push(sample("cpu_percent", { replica }, replica === "r1" ? 40 : 60, ts));
    }
  }
  return out;
}

const QUERIES: PanelQuery[] = [
  { panel: "requests", fromMs: T0, toMs: T0 + 600 * S, stepMs: 60 * S },
  { panel: "requests", fromMs: T0, toMs: T0 + 600 * S, stepMs: 60 * S, by: "code" },
  { panel: "latency", fromMs: T0, toMs: T0 + 600 * S, stepMs: 30 * S },
  { panel: "cpu", fromMs: T0, toMs: T0 + 600 * S, stepMs: 60 * S, by: "replica" },
  { panel: "cpu", fromMs: T0, toMs: T0 + 600 * S, stepMs: 60 * S, replica: "r2" },
  { panel: "replicas", fromMs: T0, toMs: T0 + 600 * S, stepMs: 60 * S },
];

let dir: string;
let store: Store;
let pool: QueryPool;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "servescope-pool-"));
  store = openStore(join(dir, "store.db"));
  store.upsertEndpoints([endpoint], T0);
  store.writeSamples(endpoint.id, scrapes(1, 20));
  pool = createQueryPool({ path: join(dir, "store.db"), threads: 2 });
});

afterAll(async () => {
  await pool.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the query threads", () => {
  it("answer every panel as the store backend does in this thread, queries in parallel", async () => {
    const here = createStoreBackend(store);
    const expected = await Promise.all(QUERIES.map((query) => here.queryPanel(endpoint, query)));
    const answered = await Promise.all(QUERIES.map((query) => pool.queryPanel(endpoint, query)));
    expect(answered).toEqual(expected);
    // Not vacuous: the answers hold the samples written above.
    const total = expected[0]?.series.flatMap((s) => s.points.map(([, v]) => v ?? 0)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
  });

  it("compute an endpoint's figures and sparkline as this thread computes them from the panel answers", async () => {
    const nowMs = T0 + 300 * S;
    const expected = await figuresFrom(createStoreBackend(store)).figures(endpoint, nowMs, true);
    expect(await pool.figures(endpoint, nowMs, true)).toEqual(expected);
    expect(await pool.figures(endpoint, nowMs, false)).toEqual({ headline: expected.headline });
    // Not vacuous: requests, errors and a sparkline that has values.
    expect(expected.headline.requestRate).toBeGreaterThan(0);
    expect(expected.headline.errorRate).toBeGreaterThan(0);
    expect(expected.sparkline?.values.filter((v) => v !== null).length).toBeGreaterThan(3);
  });

  it("see a batch as soon as the writer has committed it", async () => {
    const query: PanelQuery = { panel: "requests", fromMs: T0 + 600 * S, toMs: T0 + 900 * S, stepMs: 60 * S };
    const before = await pool.queryPanel(endpoint, query);
    expect(before.series.flatMap((s) => s.points).every(([t, v]) => v === null || t <= T0 + 300 * S)).toBe(true);
    store.writeSamples(endpoint.id, scrapes(21, 40));
    const after = await pool.queryPanel(endpoint, query);
    expect(after).toEqual(await createStoreBackend(store).queryPanel(endpoint, query));
    expect(after.series.some((s) => s.points.some(([t, v]) => t > T0 + 600 * S && v !== null))).toBe(true);
  });

  it("pass on what a query threw, as its message, and go on answering", async () => {
    const bad = { panel: "no-such-panel", fromMs: T0, toMs: T0 + 60 * S, stepMs: 60 * S } as unknown as PanelQuery;
    await expect(pool.queryPanel(endpoint, bad)).rejects.toThrow(/reads|undefined/);
    await expect(pool.queryPanel(endpoint, QUERIES[0] as PanelQuery)).resolves.toHaveProperty("series");
  });

  it("answer each of many queries asked in one turn (more than a message carries), a bad one failing alone", async () => {
    const here = createStoreBackend(store);
    // Distinct answers: each query's range ends a minute later than the one before.
    const many = Array.from({ length: 250 }, (_, k) => ({
      ...QUERIES[k % QUERIES.length]!,
      toMs: T0 + (k + 1) * 60 * S,
    }));
    const bad = { panel: "no-such-panel", fromMs: T0, toMs: T0 + 60 * S, stepMs: 60 * S } as unknown as PanelQuery;
    const asked = many.map((query) => pool.queryPanel(endpoint, query));
    const failed = pool.queryPanel(endpoint, bad);
    const later = many.map((query) => pool.queryPanel(endpoint, query));
    await expect(failed).rejects.toThrow(/reads|undefined/);
    const expected = await Promise.all(many.map((query) => here.queryPanel(endpoint, query)));
    expect(await Promise.all(asked)).toEqual(expected);
    expect(await Promise.all(later)).toEqual(expected);
    expect(new Set(expected.map((answer) => answer.to)).size).toBeGreaterThan(10);
  });

  it("fail the queries of a thread that could not start, again on the next query, without hanging", async () => {
    const broken = createQueryPool({ path: join(dir, "missing.db"), threads: 1 });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(broken.queryPanel(endpoint, QUERIES[0] as PanelQuery)).rejects.toThrow(
        /the query thread stopped: .*(unable to open|does not exist)/,
      );
    }
    await broken.close();
  });

  it("refuse queries once closed", async () => {
    const closing = createQueryPool({ path: join(dir, "store.db"), threads: 1 });
    await closing.queryPanel(endpoint, QUERIES[0] as PanelQuery);
    await closing.close();
    await expect(closing.queryPanel(endpoint, QUERIES[0] as PanelQuery)).rejects.toThrow(
      "the query threads are closed",
    );
  });
});
