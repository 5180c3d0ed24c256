import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load";
import { startFakeUpstreams } from "@/lib/fake-upstreams";
import { createProvider } from "@/lib/providers/create";
import { createStoreSink } from "@/lib/server/store-sink";
import { CONFIG_CHANGE_OFFSET_MS, configChangesBy } from "@/lib/simulation/config-changes";
import { INCIDENT_PERIOD_MS, MINUTE_MS } from "@/lib/simulation/traffic";
import { openStore } from "@/lib/store";
import { createCollector } from "./collector";

const ANCHOR = Date.UTC(2026, 10, 23, 12, 10);
const RECSYS = "databricks.recsys-features";
const dir = mkdtempSync(join(tmpdir(), "servescope-events-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fake workspace's clock, moved by the test; discoveries happen only when asked. */
let clockMs = ANCHOR + MINUTE_MS;

async function withCollector(run: (discover: () => Promise<void>) => Promise<void>) {
  const fakes = await startFakeUpstreams({ now: () => clockMs, anchorMs: ANCHOR });
  const config = loadConfig({
    env: { DATABRICKS_HOST: fakes.databricks.url, DATABRICKS_TOKEN: fakes.databricks.token },
    readFile: () => null,
    homeDir: "/nowhere",
  });
  const store = openStore(join(dir, "store.db"));
  const collector = createCollector({
    providers: config.sources.map((source) => createProvider(source)),
    sink: createStoreSink(store),
    scrape: false,
    discoveryIntervalMs: 3_600_000,
  });
  try {
    await collector.start();
    await run(() => collector.discoverNow());
  } finally {
    await collector.stop();
    store.close();
    await fakes.close();
  }
}

const recsysEvents = () => {
  const store = openStore(join(dir, "store.db"));
  const { events } = store.listEvents(RECSYS, 0, Date.now() + 60_000, 100);
  store.close();
  return events;
};

const changeText = (beforeMs: number) => {
  const n = configChangesBy(beforeMs, { anchorMs: ANCHOR });
  return `config ${1 + n} → ${2 + n}: prod.recsys.user_features_spec ${2 + n} → ${3 + n}`;
};

describe("change events across discoveries", () => {
  it("records the incident's config change between two discoveries, and keeps it across a restart", async () => {
    const firstChange = ANCHOR + CONFIG_CHANGE_OFFSET_MS;
    await withCollector(async (discover) => {
      expect(recsysEvents()).toEqual([]);
      await discover();
      expect(recsysEvents()).toEqual([]);
      clockMs = firstChange + MINUTE_MS;
      await discover();
      await discover();
    });
    const before = Date.now();
    expect(recsysEvents()).toEqual([{ atMs: expect.any(Number), kind: "config", text: changeText(firstChange - 1) }]);

    // The next incident's change happens while the server is down: the first discovery after the restart finds it.
    clockMs = firstChange + INCIDENT_PERIOD_MS + MINUTE_MS;
    await withCollector(async () => {});
    const events = recsysEvents();
    expect(events.map((event) => event.text)).toEqual([
      changeText(firstChange - 1),
      changeText(firstChange + INCIDENT_PERIOD_MS - 1),
    ]);
    expect(events[1]!.atMs).toBeGreaterThanOrEqual(before);
  });
});
