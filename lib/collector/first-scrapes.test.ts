import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { emptyResult } from "@/lib/providers/run-scrape";
import type { ScrapeResult, SourceProvider } from "@/lib/providers/types";
import { makeEndpoint } from "@/test-support/endpoints";
import { createCollector, firstScrapeSpreadMs } from "./collector";
import type { CollectorSink } from "./types";

const T0 = 1_788_717_600_000;
const INTERVAL_MS = 60_000;

/** A source of `n` endpoints whose scrapes answer at once, noting when each one started. */
function instantSource(n: number) {
  const endpoints: DiscoveredEndpoint[] = Array.from({ length: n }, (_, i) =>
    makeEndpoint(`s.e${i}`, "huggingface", { scrape: { url: `http://127.0.0.1:9/e${i}`, intervalS: 60 } }),
  );
  const starts = new Map<string, number[]>();
  const provider: SourceProvider = {
    sourceId: "s",
    kind: "huggingface",
    discover: async () => endpoints,
    async scrape(endpoint): Promise<ScrapeResult> {
      const at = Date.now();
      starts.set(endpoint.id, [...(starts.get(endpoint.id) ?? []), at]);
      return { ...emptyResult(endpoint.id, at), ok: true, status: 200 };
    },
  };
  return { provider, starts };
}

const sink: CollectorSink = {
  knownEndpoints: () => [],
  saveDiscovery: () => {},
  saveScrape: () => {},
  saveTogether: (write) => write(),
};

/** Runs a collector over `n` endpoints for two intervals; each endpoint's scrape start times. */
async function scrapeTimes(n: number): Promise<number[][]> {
  const { provider, starts } = instantSource(n);
  // An even spread of phases, the same every run.
  let k = 0;
  const collector = createCollector({ providers: [provider], sink, random: () => (k++ % n) / n });
  await collector.start();
  await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
  await collector.stop();
  return [...starts.values()];
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("first scrapes", () => {
  it("start within 2 s for a small fleet", async () => {
    const times = await scrapeTimes(50);
    expect(times).toHaveLength(50);
    expect(Math.max(...times.map(([first]) => first! - T0))).toBeLessThanOrEqual(2000 + 200);
  });

  it("are spread wider for a large fleet (100 a second), and every endpoint keeps its phase", async () => {
    expect(firstScrapeSpreadMs(5000)).toBe(50_000);
    const times = await scrapeTimes(3000);
    expect(times).toHaveLength(3000);
    const offsets = times.map(([first]) => first! - T0).sort((a, b) => a - b);
    // 30 s of first scrapes, evenly: no second of it holds more than about 100 (+ one tick's worth).
    expect(offsets.at(-1)).toBeGreaterThan(29_000);
    expect(offsets.at(-1)).toBeLessThanOrEqual(30_200);
    const perSecond = new Map<number, number>();
    for (const offset of offsets)
      perSecond.set(Math.floor(offset / 1000), (perSecond.get(Math.floor(offset / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(120);
    // The next scrape is due one interval after the first was due: the spread stays.
    for (const [first, second] of times) expect(second! - first!).toBeGreaterThanOrEqual(INTERVAL_MS - 200);
    for (const [first, second] of times) expect(second! - first!).toBeLessThanOrEqual(INTERVAL_MS + 200);
  });
});
