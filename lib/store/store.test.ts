import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeEndpoint, sample } from "@/test-support/endpoints";
import { BLOCK_BUCKETS } from "./rollup-blocks";
import { openStoreReader } from "./reader";
import { openStore, type Store } from "./store";

const T0 = 1_788_717_600_000; // a whole hour
const HOUR = 3600_000;

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "servescope-store-"));
  store = openStore(join(dir, "store.db"));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function cpu(replica: string, value: number, ts: number) {
  return sample("cpu_percent", { replica }, value, ts);
}

function counter(value: number, ts: number) {
  return sample("requests_total", { replica: "r1", code: "200" }, value, ts);
}

function read(metric: "cpu_percent" | "requests_total", fromMs: number, toMs: number, stepMs: number) {
  return store.readWindows({ endpointId: "e", metric, fromMs, toMs, stepMs });
}

describe("samples", () => {
  it("round-trips values into (t − step, t] windows", () => {
    store.writeSamples("e", [cpu("r1", 10, T0 + 1000), cpu("r1", 30, T0 + 15_000), cpu("r1", 50, T0 + 15_001)]);
    const { series, resolution } = read("cpu_percent", T0, T0 + 30_000, 15_000);
    expect(resolution).toBe("raw");
    expect(series).toHaveLength(1);
    expect(series[0]?.labels).toEqual({ replica: "r1" });
    expect(Array.from(series[0]?.count ?? [])).toEqual([0, 2, 1]);
    expect(Array.from(series[0]?.sum ?? [])).toEqual([0, 40, 50]);
    expect(Array.from(series[0]?.max ?? []).slice(1)).toEqual([30, 50]);
  });

  it("ignores a sample already stored and non-finite values", () => {
    const batch = [cpu("r1", 10, T0 + 1000), cpu("r1", 20, T0 + 2000)];
    expect(store.writeSamples("e", batch)).toEqual({ written: 2, ignored: 0 });
    expect(store.writeSamples("e", [...batch, cpu("r1", Number.NaN, T0 + 3000)])).toEqual({
      written: 0,
      ignored: 3,
    });
    const rolled = read("cpu_percent", T0 + HOUR, T0 + HOUR, HOUR);
    expect(rolled.resolution).toBe("rollup_1h");
    expect(rolled.series[0]?.count[0]).toBe(2);
    expect(rolled.series[0]?.sum[0]).toBe(30);
  });

  it("keeps labels canonical whatever their order", () => {
    store.writeSamples("e", [
      sample("requests_total", { replica: "r1", code: "200" }, 1, T0),
      sample("requests_total", { code: "200", replica: "r1" }, 2, T0 + 1000),
    ]);
    expect(read("requests_total", T0, T0 + 60_000, 60_000).series).toHaveLength(1);
  });

  it("turns counters into reset-aware increases, raw and rolled up alike", () => {
    const values = [100, 110, 130, 5, 25]; // restarts after 130: 5 is all new
    store.writeSamples(
      "e",
      values.map((v, i) => counter(v, T0 + 60_000 * (i + 1))),
    );
    const raw = read("requests_total", T0 + 120_000, T0 + 300_000, 60_000);
    expect(raw.resolution).toBe("raw");
    expect(Array.from(raw.series[0]?.sum ?? [])).toEqual([10, 20, 5, 20]);
    const rolled = read("requests_total", T0 + 300_000, T0 + 300_000, 300_000);
    expect(rolled.resolution).toBe("rollup_5m");
    expect(rolled.series[0]?.sum[0]).toBe(55); // the first sample has no predecessor
  });

  it("fixes both increases when a counter sample arrives late", () => {
    store.writeSamples("e", [counter(0, T0 + 1000), counter(10, T0 + 30_000)]);
    store.writeSamples("e", [counter(4, T0 + 15_000)]);
    const raw = read("requests_total", T0 + 15_000, T0 + 30_000, 15_000);
    expect(Array.from(raw.series[0]?.sum ?? [])).toEqual([4, 6]);
    const rolled = read("requests_total", T0 + 300_000, T0 + 300_000, 300_000);
    expect(rolled.series[0]?.sum[0]).toBe(10);
  });

  it("keeps milliseconds: exact window membership, and the span each window's increases cover", () => {
    store.writeSamples("e", [counter(0, T0 + 400), counter(10, T0 + 15_000), counter(25, T0 + 15_001)]);
    store.writeSamples("e", [counter(40, T0 + 29_700)]);
    const raw = read("requests_total", T0 + 15_000, T0 + 30_000, 15_000);
    expect(Array.from(raw.series[0]?.count ?? [])).toEqual([2, 2]);
    expect(Array.from(raw.series[0]?.sum ?? [])).toEqual([10, 30]);
    expect(Array.from(raw.series[0]?.coveredMs ?? [])).toEqual([14_600, 14_700]);
    // A roll-up read takes its last window from raw, with its span: the window may still be open.
    const rolled = read("requests_total", T0 + 300_000, T0 + 600_000, 300_000);
    expect(rolled.resolution).toBe("rollup_5m");
    expect(Array.from(rolled.series[0]?.sum ?? [])).toEqual([40, 0]);
    expect(Array.from(rolled.series[0]?.coveredMs ?? [])).toEqual([0, 0]);
    const open = read("requests_total", T0 + 300_000, T0 + 300_000, 300_000);
    expect(Array.from(open.series[0]?.coveredMs ?? [])).toEqual([29_300]);
  });

  it("upgrades a version 1 database: a row per sample, times in whole seconds", () => {
    store.close();
    const path = join(dir, "v1.db");
    const db = new Database(path);
    db.exec(`CREATE TABLE series (id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL, metric TEXT NOT NULL,
        labels TEXT NOT NULL, replica TEXT NOT NULL, UNIQUE (endpoint, metric, labels));
      CREATE TABLE samples (series_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL,
        PRIMARY KEY (series_id, ts)) WITHOUT ROWID;
      INSERT INTO series VALUES (1, 'e', 'requests_total', '{"code":"200","replica":"r1"}', 'r1');
      INSERT INTO samples VALUES (1, ${(T0 + 60_000) / 1000}, 100), (1, ${(T0 + 120_000) / 1000}, 160);
      PRAGMA user_version = 1;`);
    db.close();
    store = openStore(path);
    const raw = read("requests_total", T0 + 60_000, T0 + 120_000, 60_000);
    expect(Array.from(raw.series[0]?.sum ?? [])).toEqual([0, 60]);
    expect(raw.series[0]?.coveredMs?.[1]).toBe(60_000);
  });

  it("survives a restart: data stays and counters continue", () => {
    store.writeSamples("e", [counter(100, T0 + 60_000), cpu("r1", 5, T0 + 60_000)]);
    store.close();
    store = openStore(join(dir, "store.db"));
    store.writeSamples("e", [counter(150, T0 + 120_000)]);
    expect(read("cpu_percent", T0, T0 + 60_000, 60_000).series[0]?.sum[1]).toBe(5);
    expect(read("requests_total", T0 + 300_000, T0 + 300_000, 300_000).series[0]?.sum[0]).toBe(50);
    expect(store.listMetrics("e")).toEqual(new Set(["requests_total", "cpu_percent"]));
  });

  it("rolls back a batch that fails and keeps working", () => {
    const bad = { ...cpu("r1", 1, T0 + 2000), metric: undefined } as unknown as ReturnType<typeof cpu>;
    expect(() => store.writeSamples("e", [cpu("r2", 1, T0 + 1000), bad])).toThrow();
    expect(read("cpu_percent", T0, T0 + 60_000, 60_000).series).toHaveLength(0);
    expect(store.writeSamples("e", [cpu("r2", 1, T0 + 1000)]).written).toBe(1);
  });
});

describe("data versions", () => {
  it("change with every write that stores something, per endpoint, and for all at retention", () => {
    const versions = () => [store.dataVersion("e"), store.dataVersion("f")];
    const start = versions();
    store.writeSamples("e", [cpu("r1", 10, T0 + 15_000)]);
    const afterE = versions();
    expect(afterE[0]).not.toBe(start[0]);
    expect(afterE[1]).toBe(start[1]);
    // A batch that stores nothing new (every sample already there) changes nothing.
    store.writeSamples("e", [cpu("r1", 10, T0 + 15_000)]);
    expect(versions()).toEqual(afterE);
    store.observeReplicas("f", [{ id: "r1", state: "ready" }], T0);
    const afterF = versions();
    expect(afterF[0]).toBe(afterE[0]);
    expect(afterF[1]).not.toBe(afterE[1]);
    store.upsertEndpoints([makeEndpoint("e", "huggingface")], T0);
    expect(store.dataVersion("e")).not.toBe(afterF[0]);
    const beforeRetention = versions();
    store.applyRetention(T0 + HOUR);
    const afterRetention = versions();
    expect(afterRetention[0]).not.toBe(beforeRetention[0]);
    expect(afterRetention[1]).not.toBe(beforeRetention[1]);
  });
});

describe("retention and roll-ups", () => {
  it("drops raw samples past retention, answers long ranges from roll-ups", () => {
    const day = 24 * HOUR;
    const samples = [];
    for (let t = T0 + 15_000; t <= T0 + 4 * day; t += 15_000) samples.push(cpu("r1", 50, t));
    store.writeSamples("e", samples);
    const result = store.applyRetention(T0 + 4 * day);
    expect(result.samplesDeleted).toBe(2 * 5760);
    // A 1 h grid over four days reads the hourly roll-up: 240 samples per hour throughout.
    const hourly = read("cpu_percent", T0 + HOUR, T0 + 4 * day, HOUR);
    expect(hourly.resolution).toBe("rollup_1h");
    expect(new Set(hourly.series[0]?.count)).toEqual(new Set([240]));
    // A step no tier divides falls back to the 5-minute tier where raw is gone…
    const odd = read("cpu_percent", T0 + 7 * 60_000, T0 + day, 7 * 60_000);
    expect(odd.resolution).toBe("rollup_5m");
    // …and reads raw where raw still covers the range.
    const recent = read("cpu_percent", T0 + 3 * day, T0 + 4 * day, 7 * 60_000);
    expect(recent.resolution).toBe("raw");
    expect(recent.series[0]?.count[1]).toBe(28);
  });

  it("reads a counter's last window from raw while raw holds it, from roll-ups alone after", () => {
    const small = openStore(":memory:", { rawRetentionMs: 2 * HOUR });
    const samples = [];
    for (let m = 1; m <= 180; m++) samples.push(counter(m, T0 + m * 60_000));
    small.writeSamples("e", samples);
    small.applyRetention(T0 + 3 * HOUR);
    const windows = (fromMs: number, toMs: number) =>
      small.readWindows({ endpointId: "e", metric: "requests_total", fromMs, toMs, stepMs: HOUR }).series[0];
    const recent = windows(T0 + 3 * HOUR, T0 + 3 * HOUR);
    expect(recent?.sum[0]).toBe(60);
    expect(recent?.coveredMs?.[0]).toBe(HOUR);
    const old = windows(T0 + HOUR, T0 + HOUR);
    expect(old?.sum[0]).toBe(59); // the first sample has no predecessor
    expect(old?.coveredMs).toBeUndefined();
    small.close();
  });

  it("compacts complete roll-up blocks: the same windows before and after, rows left only for open blocks", () => {
    const day = 24 * HOUR;
    const samples = [];
    // Ten days, a sample a minute: a gauge whose every bucket differs, and a counter that restarts daily.
    for (let m = 1; m <= 10 * 1440; m++) {
      const t = T0 + m * 60_000;
      samples.push(cpu("r1", (m % 97) / 4, t), counter((m % 1440) * 3, t));
    }
    store.writeSamples("e", samples);
    const reads = () =>
      [15 * 60_000, HOUR, 5 * 60_000, 2 * HOUR].flatMap((step) =>
        (["cpu_percent", "requests_total"] as const).map((metric) => read(metric, T0 + 2 * HOUR, T0 + 10 * day, step)),
      );
    const before = reads();
    const result = store.applyRetention(T0 + 10 * day);
    // Per series: 5-minute blocks are 8 h (29 complete), 15-minute a day (9 or 10), hourly 4 days (2).
    expect(result.blocksCompacted).toBeGreaterThanOrEqual(2 * (29 + 9 + 2));
    expect(reads()).toEqual(before);
    const db = new Database(join(dir, "store.db"), { readonly: true });
    const left = db.prepare("SELECT COUNT(*) FROM rollup_15m").pluck().get() as number;
    expect(left).toBeLessThanOrEqual(2 * 96);
    db.close();
    // A second run has nothing left to compact.
    expect(store.applyRetention(T0 + 10 * day).blocksCompacted).toBe(0);
  });

  it("merges the open block's complete buckets once 24 rows wait, and leaves fewer alone", () => {
    const rowsOf = (table: string) => {
      const db = new Database(join(dir, "store.db"), { readonly: true });
      const n = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      db.close();
      return n;
    };
    // From a day's start (where 15-minute blocks begin), 34 h of a sample a minute.
    const d0 = Math.ceil(T0 / (24 * HOUR)) * 24 * HOUR;
    const samples = [];
    for (let m = 1; m <= 34 * 60; m++) samples.push(cpu("r1", (m % 13) / 2, d0 + m * 60_000));
    store.writeSamples("e", samples);
    const reads = () => [15 * 60_000, HOUR].map((step) => read("cpu_percent", d0 + HOUR, d0 + 34 * HOUR, step));
    const before = reads();
    // Three hours in, 12 quarter-hours wait: below the threshold, they stay rows.
    store.applyRetention(d0 + 3 * HOUR);
    expect(rowsOf("rollup_15m_blocks")).toBe(0);
    // 34 h in: the complete day's block, and the open one with its 40 complete buckets.
    store.applyRetention(d0 + 34 * HOUR);
    expect([rowsOf("rollup_15m"), rowsOf("rollup_1h"), rowsOf("rollup_15m_blocks")]).toEqual([0, 0, 2]);
    expect(reads()).toEqual(before);
    // The next quarter-hour waits as a row again, counted beside the block, and one row is no reason to merge.
    store.writeSamples("e", [cpu("r1", 40, d0 + 34 * HOUR + 60_000)]);
    expect(rowsOf("rollup_15m")).toBe(1);
    const next = read("cpu_percent", d0 + 34 * HOUR + 15 * 60_000, d0 + 34 * HOUR + 15 * 60_000, 15 * 60_000);
    expect(next.series[0]?.max[0]).toBe(40);
    expect(store.applyRetention(d0 + 35 * HOUR).blocksCompacted).toBe(0);
  });

  it("compacts a limited number of blocks a run, the rest at the next runs or all at once", () => {
    const day = 24 * HOUR;
    const limited = openStore(":memory:", { compactBlocksPerRun: 5 });
    const samples = [];
    for (let m = 1; m <= 3 * 1440; m++) samples.push(cpu("r1", m % 11, T0 + m * 60_000), cpu("r2", 1, T0 + m * 60_000));
    limited.writeSamples("e", samples);
    const windows = () =>
      limited.readWindows({
        endpointId: "e",
        metric: "cpu_percent",
        fromMs: T0 + HOUR,
        toMs: T0 + 3 * day,
        stepMs: HOUR,
      });
    const before = windows();
    const first = limited.applyRetention(T0 + 3 * day).blocksCompacted;
    expect(first).toBeGreaterThanOrEqual(5);
    expect(first).toBeLessThan(2 * (8 + 2)); // both series' 5-minute and 15-minute blocks
    expect(windows()).toEqual(before);
    limited.compactAll(T0 + 3 * day);
    expect(limited.applyRetention(T0 + 3 * day).blocksCompacted).toBe(0);
    expect(windows()).toEqual(before);
    limited.close();
  });

  it("counts a late sample in a compacted block, and merges it at the next compaction", () => {
    const day = 24 * HOUR;
    const samples = [];
    for (let m = 1; m <= 3 * 1440; m++) samples.push(cpu("r1", m % 7, T0 + m * 60_000));
    store.writeSamples("e", samples);
    store.applyRetention(T0 + 3 * day);
    const window = () => read("cpu_percent", T0 + HOUR, T0 + HOUR, HOUR).series[0];
    const compacted = window();
    expect(compacted?.count[0]).toBe(60);
    store.writeSamples("e", [cpu("r1", 100, T0 + 30 * 60_000 + 1)]);
    const late = window();
    expect([late?.count[0], late?.sum[0], late?.max[0]]).toEqual([61, (compacted?.sum[0] ?? 0) + 100, 100]);
    expect(store.applyRetention(T0 + 3 * day).blocksCompacted).toBe(3); // its block in each tier
    expect(window()).toEqual(late);
  });

  it("deletes a roll-up block once all of its buckets are past retention", () => {
    const day = 24 * HOUR;
    const small = openStore(":memory:", { rollupRetentionMs: 5 * day });
    const samples = [];
    for (let m = 1; m <= 12 * 1440; m++) samples.push(cpu("r1", 1, T0 + m * 60_000));
    small.writeSamples("e", samples);
    // The first run compacts the hourly block that ends 9¼ days in; five days later part of it is past retention.
    expect(small.applyRetention(T0 + 10 * day).blocksCompacted).toBeGreaterThan(0);
    expect(small.applyRetention(T0 + 12 * day).rollupsDeleted).toBeGreaterThan(0);
    const hourly = small.readWindows({
      endpointId: "e",
      metric: "cpu_percent",
      fromMs: T0 + HOUR,
      toMs: T0 + 12 * day,
      stepMs: HOUR,
    }).series[0];
    // The hourly blocks are 96 h: kept whole while any of their hours is within the 5 days.
    const cutHour = (T0 + 7 * day) / HOUR;
    const firstKept = Math.floor(cutHour / BLOCK_BUCKETS) * BLOCK_BUCKETS + 1;
    const firstWithData = Array.from(hourly?.count ?? []).findIndex((c) => c > 0) + T0 / HOUR + 1;
    expect(firstWithData).toBe(firstKept);
    expect(firstKept).toBeLessThanOrEqual(cutHour);
    small.close();
  });

  it("forgets roll-ups, series and scrapes past their retention", () => {
    const small = openStore(":memory:", {
      rawRetentionMs: HOUR,
      rollupRetentionMs: 2 * HOUR,
      scrapeRetentionMs: HOUR,
    });
    small.writeSamples("e", [cpu("r1", 1, T0), cpu("r2", 1, T0 + 3 * HOUR)]);
    small.recordScrape({
      endpointId: "e",
      at: T0,
      ok: true,
      status: 200,
      error: null,
      durationMs: 5,
      bytes: 10,
      parseErrorCount: 0,
    });
    const result = small.applyRetention(T0 + 4 * HOUR);
    expect(result.seriesDeleted).toBe(1);
    expect(result.scrapesDeleted).toBe(1);
    expect(small.lastScrape("e")).toBeNull();
    small.writeSamples("e", [cpu("r3", 7, T0 + 4 * HOUR)]);
    const replicas = small
      .readWindows({ endpointId: "e", metric: "cpu_percent", fromMs: T0 + 4 * HOUR, toMs: T0 + 4 * HOUR, stepMs: HOUR })
      .series.map((s) => s.labels.replica);
    expect(replicas).toEqual(["r2", "r3"]);
    small.close();
  });

  it("a reader connection sees series as the writer adds and retention removes them, between its reads", () => {
    const path = join(dir, "retained.db");
    const writer = openStore(path, { rawRetentionMs: HOUR, rollupRetentionMs: 2 * HOUR, scrapeRetentionMs: HOUR });
    const reader = openStoreReader(path);
    const replicasAt = (ts: number) => {
      const seen: string[] = [];
      const range = { fromMs: ts, toMs: ts, stepMs: HOUR };
      reader.eachWindows({ endpointId: "e", metric: "cpu_percent", ...range }, (w) => seen.push(w.labels.replica!));
      return seen;
    };
    writer.writeSamples("e", [cpu("r1", 1, T0)]);
    expect(replicasAt(T0)).toEqual(["r1"]);
    expect([...reader.listMetrics("e")]).toEqual(["cpu_percent"]);
    writer.writeSamples("e", [cpu("r2", 1, T0 + 3 * HOUR), counter(1, T0 + 3 * HOUR)]);
    expect(replicasAt(T0 + 3 * HOUR)).toEqual(["r1", "r2"]);
    expect([...reader.listMetrics("e")].sort()).toEqual(["cpu_percent", "requests_total"]);
    expect(writer.applyRetention(T0 + 4 * HOUR).seriesDeleted).toBe(1);
    expect(replicasAt(T0 + 3 * HOUR)).toEqual(["r2"]);
    reader.close();
    writer.close();
  });

  it("a reader's snapshot reads the store as it was when the snapshot began, and the writer's next batch after it", async () => {
    const path = join(dir, "snapshot.db");
    const writer = openStore(path);
    const reader = openStoreReader(path);
    const range = { endpointId: "e", metric: "cpu_percent" as const, fromMs: T0 + HOUR, toMs: T0 + HOUR, stepMs: HOUR };
    const sumNow = () => {
      let total = 0;
      reader.eachWindows(range, (w) => (total += w.sum[0]!));
      return total;
    };
    writer.writeSamples("e", [cpu("r1", 1, T0 + 60_000)]);
    const inside = await reader.snapshot(async () => {
      const before = sumNow();
      writer.writeSamples("e", [cpu("r1", 2, T0 + 120_000)]);
      // Nested: shares the outer snapshot rather than starting its own.
      const nested = await reader.snapshot(async () => sumNow());
      return [before, nested, sumNow()];
    });
    expect(inside).toEqual([1, 1, 1]);
    expect(sumNow()).toBe(3);
    reader.close();
    writer.close();
  });

  it("reports the bytes in use", () => {
    const before = store.sizeBytes();
    store.writeSamples(
      "e",
      Array.from({ length: 5000 }, (_, i) => cpu("r1", i + 0.5, T0 + i * 15_000)),
    );
    expect(store.sizeBytes()).toBeGreaterThan(before);
  });
});

describe("catalog", () => {
  it("upserts and lists endpoints", () => {
    const a = makeEndpoint("src.a", "huggingface");
    store.upsertEndpoints([a, makeEndpoint("src.b", "databricks")], T0);
    store.upsertEndpoints([{ ...a, state: "paused" }], T0 + 1000);
    expect(store.listEndpoints().map((e) => [e.id, e.state])).toEqual([
      ["src.a", "paused"],
      ["src.b", "running"],
    ]);
    expect(store.getEndpoint("src.b")?.provider).toBe("databricks");
    expect(store.getEndpoint("nope")).toBeNull();
  });

  it("tracks replicas: first and last seen, gone when no longer listed", () => {
    store.observeReplicas(
      "e",
      [
        { id: "r1", state: "running" },
        { id: "r2", state: "initializing" },
      ],
      T0,
    );
    store.observeReplicas("e", [{ id: "r2", state: "running" }], T0 + 1000);
    expect(store.listReplicas("e")).toEqual([
      { id: "r1", state: "gone", firstSeen: T0, lastSeen: T0 },
      { id: "r2", state: "running", firstSeen: T0, lastSeen: T0 + 1000 },
    ]);
  });

  it("keeps the last scrape outcome", () => {
    const base = { endpointId: "e", status: 200, error: null, durationMs: 12.5, bytes: 100, parseErrorCount: 0 };
    store.recordScrape({ ...base, at: T0, ok: true });
    store.recordScrape({ ...base, at: T0 + 15_000, ok: false, status: 503, error: "upstream said 503" });
    expect(store.lastScrape("e")).toEqual({
      at: T0 + 15_000,
      ok: false,
      status: 503,
      error: "upstream said 503",
      durationMs: 12.5,
    });
    expect(store.lastScrape("other")).toBeNull();
  });

  it("keeps a scrape's warnings, and upgrades a version 3 database without losing its history", () => {
    const base = { endpointId: "e", ok: true, status: 200, error: null, durationMs: 5, bytes: 1, parseErrorCount: 0 };
    store.writeSamples("e", [cpu("r1", 5, T0 + 60_000)]);
    store.recordScrape({ ...base, at: T0 });
    store.close();
    const db = new Database(join(dir, "store.db"));
    db.exec("ALTER TABLE scrapes DROP COLUMN warnings; PRAGMA user_version = 3;");
    db.close();
    store = openStore(join(dir, "store.db"));
    expect(store.lastScrape("e")).toEqual({ at: T0, ok: true, status: 200, error: null, durationMs: 5 });
    expect(read("cpu_percent", T0, T0 + 60_000, 60_000).series[0]?.sum[1]).toBe(5);
    const warnings = ["dropped 1 of 2 series: at most 1 series per scrape (SERVESCOPE_MAX_SERIES_PER_SCRAPE)"];
    store.recordScrape({ ...base, at: T0 + 15_000, warnings });
    expect(store.lastScrape("e")?.warnings).toEqual(warnings);
  });
});

describe("change events", () => {
  const change = (atMs: number, text: string, endpointId = "src.a") => ({
    endpointId,
    atMs,
    kind: "config" as const,
    text,
  });

  it("keeps a discovery's changes with it, once each, newest kept when a range holds too many", () => {
    store.upsertEndpoints([makeEndpoint("src.a", "databricks")], T0, [change(T0, "config 1 → 2")]);
    store.recordEvents([change(T0, "config 1 → 2"), change(T0 + 1000, "config 2 → 3"), change(T0, "x", "src.b")]);
    store.recordEvents([{ endpointId: "src.a", atMs: T0 + 2000, kind: "state", text: "state READY → NOT_READY" }]);
    expect(store.listEvents("src.a", T0, T0 + 2000, 10)).toEqual({
      events: [
        { atMs: T0, kind: "config", text: "config 1 → 2" },
        { atMs: T0 + 1000, kind: "config", text: "config 2 → 3" },
        { atMs: T0 + 2000, kind: "state", text: "state READY → NOT_READY" },
      ],
      truncated: false,
    });
    expect(store.listEvents("src.a", T0 + 1, T0 + 2000, 1)).toEqual({
      events: [{ atMs: T0 + 2000, kind: "state", text: "state READY → NOT_READY" }],
      truncated: true,
    });
    expect(store.endpointUpdatedAt("src.a")).toBe(T0);
    expect(store.endpointUpdatedAt("src.zz")).toBeNull();
  });

  it("survives a restart, and retention forgets events past their horizon", () => {
    store.recordEvents([change(T0, "old"), change(T0 + 3 * HOUR, "new")]);
    store.close();
    store = openStore(join(dir, "store.db"), { eventRetentionMs: 2 * HOUR });
    expect(store.listEvents("src.a", T0, T0 + 3 * HOUR, 10).events.map((e) => e.text)).toEqual(["old", "new"]);
    expect(store.applyRetention(T0 + 4 * HOUR).eventsDeleted).toBe(1);
    expect(store.listEvents("src.a", T0, T0 + 3 * HOUR, 10).events.map((e) => e.text)).toEqual(["new"]);
  });

  it("upgrades a version 4 database, keeping its history, to one that records events", () => {
    store.writeSamples("e", [cpu("r1", 5, T0 + 60_000)]);
    store.upsertEndpoints([makeEndpoint("src.a", "databricks")], T0);
    store.close();
    const db = new Database(join(dir, "store.db"));
    db.exec("DROP TABLE events; PRAGMA user_version = 4;");
    db.close();
    store = openStore(join(dir, "store.db"));
    expect(read("cpu_percent", T0, T0 + 60_000, 60_000).series[0]?.sum[1]).toBe(5);
    expect(store.listEndpoints().map((e) => e.id)).toEqual(["src.a"]);
    store.recordEvents([change(T0, "config 1 → 2")]);
    expect(store.listEvents("src.a", T0, T0, 10).events).toHaveLength(1);
    const version = new Database(join(dir, "store.db"), { readonly: true });
    expect(version.pragma("user_version", { simple: true })).toBe(7);
    version.close();
  });

  it("upgrades a version 5 database by filling the 15-minute tier from the 5-minute one", () => {
    // One sample a minute for two hours: value = minute of the hour, so every bucket's figures differ.
    const minutes = Array.from({ length: 120 }, (_, m) => cpu("r1", m % 60, T0 + (m + 1) * 60_000));
    store.writeSamples("e", minutes);
    const written = read("cpu_percent", T0 + 15 * 60_000, T0 + 2 * HOUR, 15 * 60_000);
    expect(written.resolution).toBe("rollup_15m");
    store.close();
    const db = new Database(join(dir, "store.db"));
    db.exec("DROP TABLE rollup_15m; PRAGMA user_version = 5;");
    db.close();
    store = openStore(join(dir, "store.db"));
    const upgraded = read("cpu_percent", T0 + 15 * 60_000, T0 + 2 * HOUR, 15 * 60_000);
    expect(upgraded.resolution).toBe("rollup_15m");
    expect(Array.from(upgraded.series[0]?.count ?? [])).toEqual(Array(8).fill(15));
    // The first quarter hour holds 0…14 (sum 105, max 14), the next 15…29, and so on.
    expect(Array.from(upgraded.series[0]?.sum ?? []).slice(0, 4)).toEqual([105, 330, 555, 780]);
    expect(Array.from(upgraded.series[0]?.max ?? []).slice(0, 4)).toEqual([14, 29, 44, 59]);
    expect(upgraded.series).toEqual(written.series);
  });
});
