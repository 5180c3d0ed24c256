import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load";
import { openStore } from "@/lib/store";
import { CONFIG_CHANGE_OFFSET_MS, configChangesBy } from "@/lib/simulation/config-changes";
import { INCIDENT_PERIOD_MS } from "@/lib/simulation/traffic";
import { backfillEvents } from "./backfill-events";
import { replayDiscovery } from "./replay-discovery";

const ANCHOR = Date.UTC(2026, 10, 23, 12, 10);
const TO = ANCHOR + 20 * 60_000;
const INTERVAL = 180_000;
const simulation = { anchorMs: ANCHOR };
const [source] = loadConfig({
  env: { DATABRICKS_HOST: "http://127.0.0.1:9", DATABRICKS_TOKEN: "dapi-x", DATABRICKS_WAREHOUSE_ID: "abc" },
  readFile: () => null,
  homeDir: "/nowhere",
}).sources;

describe("backfillEvents", () => {
  it("records each incident's config change at the first replayed discovery after it, once however often it runs", () => {
    const store = openStore(":memory:");
    const discoverAt = replayDiscovery(source!, simulation)!;
    const window = { fromMs: TO - 86_400_000, toMs: TO, intervalMs: INTERVAL };
    backfillEvents(store, source!.id, discoverAt, window);
    backfillEvents(store, source!.id, discoverAt, window);
    const { events } = store.listEvents("databricks.recsys-features", window.fromMs, TO, 100);
    const changes = [3, 2, 1, 0].map((k) => ANCHOR + CONFIG_CHANGE_OFFSET_MS - k * INCIDENT_PERIOD_MS);
    expect(events.map((event) => event.atMs)).toEqual(
      changes.map((atMs) => TO - Math.floor((TO - atMs) / INTERVAL) * INTERVAL),
    );
    const before = configChangesBy(changes[3]! - 1, simulation);
    expect(events.at(-1)).toMatchObject({
      kind: "config",
      text: `config ${1 + before} → ${2 + before}: prod.recsys.user_features_spec ${2 + before} → ${3 + before}`,
    });
    // No other Databricks endpoint changes in the simulation.
    expect(store.listEvents("databricks.fraud-scorer", window.fromMs, TO, 100).events).toEqual([]);
    store.close();
  });
});
