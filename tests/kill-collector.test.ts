import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstreams, type FakeUpstreams } from "@/lib/fake-upstreams";
import { SCRAPE_CONCURRENCY } from "@/lib/server/runtime";
import { openStore } from "@/lib/store";
import { fleetEndpointName } from "@/test-support/fleet-names";
import { startCollectorProcess, type CollectorProcess } from "@/test-support/collector-process";
import { auditStore, countScrapes, type StoreAudit } from "@/test-support/store-audit";
import { waitFor } from "@/test-support/wait-for";

const FLEET = 100;
const names = Array.from({ length: FLEET }, (_, i) => fleetEndpointName(i));
const ids = names.map((name) => `huggingface.${name}`);
const root = mkdtempSync(join(tmpdir(), "servescope-kill-collector-"));
const dbPath = join(root, "servescope.db");
let fakes: FakeUpstreams;
let env: NodeJS.ProcessEnv;
const children: CollectorProcess[] = [];

beforeAll(async () => {
  // A frozen upstream clock: every scrape of an endpoint answers the same text, so each one brings
  // one sample for every series of the endpoint, and "whole" can be checked from the store alone.
  fakes = await startFakeUpstreams({
    now: Date.now(),
    copies: { huggingface: Object.fromEntries(names.map((name) => [name, "sentiment-prod"])) },
  });
  // Nothing from this shell: only the fakes are configured.
  env = {
    NODE_ENV: "test",
    PATH: process.env.PATH,
    HOME: root,
    SERVESCOPE_DATA_DIR: root,
    SERVESCOPE_SCRAPE_INTERVAL_S: "1",
    HF_ENDPOINTS_API: fakes.huggingface.url,
    HF_NAMESPACE: fakes.huggingface.namespace,
    HF_TOKEN: fakes.huggingface.token,
  };
});

afterAll(async () => {
  await Promise.all(children.filter((child) => child.exit() === null).map((child) => child.kill("SIGKILL")));
  await fakes.close();
  rmSync(root, { recursive: true, force: true });
});

function collector(): CollectorProcess {
  const child = startCollectorProcess(env);
  children.push(child);
  return child;
}

/** Polls the store until every fleet endpoint has at least `least(id)` recorded scrapes. */
function scrapesReach(least: (id: string) => number, child: CollectorProcess) {
  return waitFor(() => {
    if (child.exit()) throw new Error(`the collector exited (${JSON.stringify(child.exit())}): ${child.output()}`);
    const counts = countScrapes(dbPath);
    return counts !== null && ids.every((id) => (counts.get(id) ?? 0) >= least(id)) && counts;
  }, 60_000);
}

/** Scrapes recorded so far, of every endpoint together. */
function committedSoFar(): number {
  return [...(countScrapes(dbPath) ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);
}

const scrapesOf = (audit: StoreAudit, id: string) => audit.scrapes.get(id) ?? [];

/** Metrics requests the fake Hugging Face has received, per fleet endpoint id. */
function requestsSoFar(): Map<string, number> {
  const prefix = `/v2/endpoint/${fakes.huggingface.namespace}/`;
  const byPath = new Map(names.map((name, i) => [`${prefix}${name}/open-metrics`, ids[i] as string]));
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const { path } of fakes.received) {
    const id = byPath.get(path);
    if (id) counts.set(id, (counts.get(id) as number) + 1);
  }
  return counts;
}

/** Every fleet endpoint's scrapes succeeded and are whole: each wrote one sample per series, no sample without its scrape. */
function expectWholeScrapes(audit: StoreAudit): void {
  const seriesPerEndpoint = audit.series.get(ids[0] as string) ?? 0;
  expect(seriesPerEndpoint).toBeGreaterThan(0);
  for (const id of ids) {
    const scrapes = scrapesOf(audit, id);
    expect(
      scrapes.filter((scrape) => !scrape.ok),
      id,
    ).toEqual([]);
    expect(audit.series.get(id), id).toBe(seriesPerEndpoint);
    const expected = new Map(scrapes.map((scrape) => [scrape.at, seriesPerEndpoint]));
    expect(audit.samplesAt.get(id), id).toEqual(expected);
  }
}

describe("the collector killed (SIGKILL) during heavy ingest", () => {
  it("loses at most what was waiting to be written, keeps every stored scrape whole, and resumes", async () => {
    const first = collector();
    // A few scrapes of every endpoint stored: ingest runs at full rate (a scrape per endpoint per second).
    await scrapesReach(() => 3, first);
    // Kill while a flush may still be writing: the moment a poll sees more scrapes committed.
    const seen = committedSoFar();
    await waitFor(() => committedSoFar() > seen && first.kill("SIGKILL"));
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const scraped = requestsSoFar();

    const killed = auditStore(dbPath);
    expect(killed.integrity).toBe("ok");
    expect(killed.duplicates).toBe(0);
    expectWholeScrapes(killed);
    const lost = ids.map((id) => (scraped.get(id) as number) - scrapesOf(killed, id).length);
    // Nothing is stored that was not scraped. What was scraped and not stored was in the write queue
    // or in a scrape slot (SCRAPE_CONCURRENCY of them). The queue is written out every second, whole
    // (a flush takes up to 100,000 samples; a second of this fleet is under 4,000), so it holds what
    // was scraped since the last flush: at most two scrapes of an endpoint, each scraped every second.
    expect(Math.min(...lost)).toBeGreaterThanOrEqual(0);
    expect(lost.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * FLEET + SCRAPE_CONCURRENCY);

    // Restarted on the same data directory, it stores new scrapes of every endpoint.
    const second = collector();
    await scrapesReach((id) => scrapesOf(killed, id).length + 2, second);
    expect(await second.kill("SIGTERM")).toEqual({ code: 0, signal: null });

    const resumed = auditStore(dbPath);
    expect(resumed.integrity).toBe("ok");
    expect(resumed.duplicates).toBe(0);
    expectWholeScrapes(resumed);
    const store = openStore(dbPath);
    try {
      for (const id of ids) {
        const before = scrapesOf(killed, id);
        const after = scrapesOf(resumed, id);
        const firstAt = before[0]!.at;
        const lastAt = before[before.length - 1]!.at;
        // The history from before the kill, as it was, then only newer scrapes.
        expect(after.slice(0, before.length), id).toEqual(before);
        expect(
          after.slice(before.length).every((scrape) => scrape.at > lastAt),
          id,
        ).toBe(true);
        // And readable: one window over exactly the scrapes before the kill counts each of them.
        const { series } = store.readWindows({
          endpointId: id,
          metric: "requests_total",
          fromMs: lastAt,
          toMs: lastAt,
          stepMs: lastAt - firstAt + 1,
        });
        expect(series.length, id).toBeGreaterThan(0);
        expect(new Set(series.map((s) => s.count[0])), id).toEqual(new Set([before.length]));
      }
    } finally {
      store.close();
    }
  }, 90_000);
});
