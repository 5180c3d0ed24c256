import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CanonicalSample } from "@/lib/model/canonical";
import { openStore, type Store } from "@/lib/store/store";
import { makeEndpoint, sample } from "@/test-support/endpoints";
import { figuresFrom } from "./headline";
import { cacheSparklines } from "./sparkline-cache";
import { createStoreBackend } from "./store-backend";
import type { FiguresBackend } from "./types";

const T0 = 1_788_717_600_000; // a whole hour
const S = 1000;
const endpoint = makeEndpoint("hf.chat", "huggingface");

/** One replica at 1 req/s, scraped every 15 s, the k-th to the (k + n − 1)-th scrape. */
const scrapes = (from: number, n: number): CanonicalSample[] =>
  Array.from({ length: n }, (_, i) =>
    sample("requests_total", { replica: "r1", code: "200" }, 15 * (from + i), T0 + (from + i) * 15 * S),
  );

let dir: string;
let store: Store;
let fresh: FiguresBackend;
let asked: boolean[];
let cached: FiguresBackend;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "servescope-sparklines-"));
  store = openStore(join(dir, "store.db"));
  fresh = figuresFrom(createStoreBackend(store));
  asked = [];
  cached = cacheSparklines(
    { figures: (e, nowMs, withSparkline) => (asked.push(withSparkline), fresh.figures(e, nowMs, withSparkline)) },
    store.dataVersion,
  );
  store.writeSamples(endpoint.id, scrapes(1, 12));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("cached sparklines", () => {
  it("answer as computed afresh, asking for the hour of requests again only after a write or in a new minute", async () => {
    const at = T0 + 190 * S;
    const first = await cached.figures(endpoint, at, true);
    expect(first).toEqual(await fresh.figures(endpoint, at, true));
    // Same minute, nothing written: the headline afresh, the sparkline kept.
    expect(await cached.figures(endpoint, at + 5 * S, true)).toEqual(await fresh.figures(endpoint, at + 5 * S, true));
    expect(asked).toEqual([true, false]);

    // 300 requests in the 15 s since the last scrape: the last minute's rate goes up.
    store.writeSamples(endpoint.id, [sample("requests_total", { replica: "r1", code: "200" }, 480, T0 + 195 * S)]);
    const written = await cached.figures(endpoint, at + 6 * S, true);
    expect(written).toEqual(await fresh.figures(endpoint, at + 6 * S, true));
    // In the next minute, nothing written since.
    await cached.figures(endpoint, at + 60 * S, true);
    expect(asked).toEqual([true, false, true, true]);
    // Not vacuous: the sparkline has values, and the write changed it.
    expect(first.sparkline?.values.filter((v) => v !== null).length).toBeGreaterThan(1);
    expect(written.sparkline).not.toEqual(first.sparkline);
  });

  it("do not keep a sparkline for figures asked without one", async () => {
    expect(await cached.figures(endpoint, T0 + 190 * S, false)).toEqual({
      headline: (await fresh.figures(endpoint, T0 + 190 * S, false)).headline,
    });
    await cached.figures(endpoint, T0 + 191 * S, true);
    expect(asked).toEqual([false, true]);
  });
});
