import { describe, expect, it } from "vitest";
import { SinkUnavailableError, type CollectedScrape } from "@/lib/collector/types";
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

  it("saves a flush's scrapes as one write, in which a scrape rejected for its content rolls back alone", () => {
    const store = openStore(":memory:");
    const sink = createStoreSink(store);
    const rejected: unknown[] = [];
    sink.saveTogether(() => {
      sink.saveScrape(scrape(AT));
      try {
        sink.saveScrape(scrape(AT + 1000, Number.NaN));
      } catch (error) {
        rejected.push(error);
      }
      sink.saveScrape(scrape(AT + 2000));
    });
    expect(rejected).toHaveLength(1);
    expect(store.lastScrape("e")).toMatchObject({ at: AT + 2000, ok: true });
    // Both replicas' samples of the two scrapes kept, none of the one rolled back.
    const all = { ...window, fromMs: AT + 2000, toMs: AT + 2000, stepMs: 3000 };
    expect(store.readWindows(all).series.map((s) => s.count[0])).toEqual([2, 2]);
    store.close();
  });

  it("keeps none of a flush's saves when the write fails, and writes again after", () => {
    const store = openStore(":memory:");
    const sink = createStoreSink(store);
    expect(() =>
      sink.saveTogether(() => {
        sink.saveScrape(scrape(AT));
        throw new SinkUnavailableError("disk full");
      }),
    ).toThrow(SinkUnavailableError);
    expect(store.lastScrape("e")).toBeNull();
    expect(store.readWindows(window).series).toEqual([]);
    sink.saveTogether(() => sink.saveScrape(scrape(AT + 1000)));
    expect(store.readWindows(window).series.map((s) => s.count[0])).toEqual([1, 1]);
    store.close();
  });
});
