import { describe, expect, it } from "vitest";
import type { CollectedScrape } from "@/lib/collector/types";
import { emptyResult } from "@/lib/providers/run-scrape";
import { openStore } from "@/lib/store";
import { createStoreSink } from "./store-sink";

const AT = 1_788_717_600_000;

function scrape(at: number, durationMs = 12): CollectedScrape {
  const { families: _families, ...empty } = emptyResult("e", at);
  return {
    ...empty,
    ok: true,
    status: 200,
    durationMs,
    bytes: 100,
    format: "openmetrics",
    samples: [0, 1].map((replica) => ({
      metric: "requests_total",
      labels: { replica: `r${replica}`, code: "200" },
      value: at / 1000,
      timestampMs: at,
    })),
    replicas: [0, 1].map((replica) => ({ id: `r${replica}`, state: "running" })),
    warnings: [],
    deferredUntilMs: null,
    dueAtMs: at,
  };
}

const window = {
  endpointId: "e",
  metric: "requests_total",
  fromMs: AT + 60_000,
  toMs: AT + 60_000,
  stepMs: 120_000,
} as const;

describe("the store sink", () => {
  it("saves a scrape whole or not at all: a failure after its samples leaves none of them", () => {
    const store = openStore(":memory:");
    const sink = createStoreSink(store);
    // The scrape's outcome cannot be recorded (duration_ms is NOT NULL) once its samples are written.
    expect(() => sink.saveScrape(scrape(AT, Number.NaN))).toThrow(/NOT NULL/);
    expect(store.readWindows(window).series).toEqual([]);
    expect(store.lastScrape("e")).toBeNull();
    expect(store.listReplicas("e")).toEqual([]);

    // The next scrape is stored in full, its samples not taken for ones already there.
    sink.saveScrape(scrape(AT + 1000));
    expect(store.lastScrape("e")).toMatchObject({ at: AT + 1000, ok: true });
    expect(store.readWindows(window).series.map((s) => s.count[0])).toEqual([1, 1]);
    store.close();
  });
});
