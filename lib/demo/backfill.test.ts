import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createProvider } from "@/lib/providers/create";
import { TEST_HTTP_OPTIONS } from "@/test-support/providers";
import { openStore } from "@/lib/store";
import { backfillEndpoint, backfillTimes, type SamplesAt } from "./backfill";
import { selfHostedSamplesAt } from "./self-hosted-samples";

const NOW = Date.UTC(2026, 10, 23, 12, 20, 30);
const HOUR = 3_600_000;

/** How far apart consecutive scrape times are, by age band: `band → distinct gaps`. */
function gapsByAge(times: number[], toMs: number, bands: number[]): Map<number, Set<number>> {
  const out = new Map(bands.map((band) => [band, new Set<number>()]));
  for (let i = 1; i < times.length; i += 1) {
    const age = toMs - times[i]!;
    const band = bands.find((limit) => age < limit) ?? Number.POSITIVE_INFINITY;
    if (!out.has(band)) out.set(band, new Set());
    out.get(band)!.add(times[i]! - times[i - 1]!);
  }
  return out;
}

describe("backfillTimes", () => {
  it("is as dense as a chart of each preset needs, and no denser", () => {
    const times = backfillTimes(NOW - 7 * 24 * HOUR, NOW, 2_000);
    expect(times.at(-1)).toBe(NOW);
    const gaps = gapsByAge(times, NOW, [HOUR, 6 * HOUR, 25 * HOUR]);
    expect([...gaps].map(([band, set]) => [band, [...set].sort((a, b) => a - b)])).toEqual([
      [HOUR, [2_000]],
      [6 * HOUR, [15_000]],
      [25 * HOUR, [60_000]],
      [Number.POSITIVE_INFINITY, [300_000]],
    ]);
  });

  it("keeps a coarser scrape interval as it is", () => {
    const gaps = gapsByAge(backfillTimes(NOW - 2 * HOUR, NOW, 60_000), NOW, [HOUR, 6 * HOUR]);
    expect([...gaps.values()].map((set) => [...set])).toEqual([[60_000], [60_000]]);
  });
});

describe("backfillEndpoint", () => {
  const endpoint = {
    id: "self.chat",
    scrape: { url: "http://127.0.0.1:1/metrics", intervalS: 60 },
  } as DiscoveredEndpoint;

  it("records replica sightings as a scrape-by-scrape collector would: first and last seen, then gone", () => {
    const store = openStore(":memory:");
    const sample = (replica: string, atMs: number): CanonicalSample => ({
      metric: "requests_running",
      labels: { replica },
      value: 1,
      timestampMs: atMs,
    });
    // Replica a for the first half hour, b after it.
    const samplesAt: SamplesAt = (atMs) => [sample(atMs < NOW - 30 * 60_000 ? "a" : "b", atMs)];
    const written = backfillEndpoint(store, endpoint, samplesAt, { fromMs: NOW - HOUR, toMs: NOW });
    expect(written).toBe(60);
    expect(store.listReplicas(endpoint.id)).toEqual([
      { id: "a", state: "gone", firstSeen: NOW - 59 * 60_000, lastSeen: NOW - 31 * 60_000 },
      { id: "b", state: "running", firstSeen: NOW - 30 * 60_000, lastSeen: NOW },
    ]);
    store.close();
  });
});

describe("the self-hosted backfill", () => {
  let fakes: FakeUpstreams;
  beforeAll(async () => {
    fakes = await startFakeUpstreams({ now: NOW });
  });
  afterAll(() => fakes.close());

  const key = ({ metric, labels }: CanonicalSample) => `${metric}${JSON.stringify(Object.entries(labels).sort())}`;
  const values = (samples: readonly CanonicalSample[]) =>
    Object.fromEntries(samples.map((sample) => [key(sample), sample.value]));

  it("stores, for an instant, exactly what the provider scraping the live servers gets", async () => {
    const provider = createProvider(
      {
        kind: "openmetrics",
        id: "openmetrics",
        token: fakes.openmetrics.token,
        scrapeIntervalS: 15,
        targets: fakes.openmetrics.targets,
      },
      { http: TEST_HTTP_OPTIONS },
    );
    for (const discovered of await provider.discover()) {
      const live = await provider.scrape(discovered);
      const target = fakes.openmetrics.targets.find((t) => t.name === discovered.name)!;
      const backfilled = selfHostedSamplesAt(target, fakes.simulation)(NOW)!;
      expect(backfilled.length).toBeGreaterThan(70);
      expect(values(backfilled)).toEqual(values(live.samples));
    }
  });
});
