import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SERIES_LIMITS } from "@/lib/api/schemas";
import type { CanonicalSample } from "@/lib/model/canonical";
import { panelMeta } from "@/lib/panels/catalog";
import { statusClassOf } from "@/lib/panels/status-class";
import { openStore, type Store } from "@/lib/store/store";
import { capSeries } from "./cap-series";
import { MAX_FOLD_GROUPS } from "./panel-context";
import { createStoreBackend } from "./store-backend";
import { makeEndpoint, sample } from "@/test-support/endpoints";

const T0 = 1_788_717_600_000;
const S = 1000;
const HOUR = 3600 * S;
const total = (points: [number, number | null][]) => points.reduce((sum, [, v]) => sum + (v ?? 0), 0);

/** Answers never grow with what an exporter invents: codes and replicas are folded past the cap. */
describe("bounded answers", () => {
  let store: Store;
  beforeEach(() => (store = openStore(":memory:")));
  afterEach(() => store.close());

  it("folds thousands of distinct codes into their classes, losing no request", async () => {
    const endpoint = makeEndpoint("om.codes", "openmetrics");
    // 400 real codes, then junk an exporter made up (class "other").
    const codes = Array.from({ length: 3 * MAX_FOLD_GROUPS }, (_, i) => (i < 400 ? String(200 + i) : `junk-${i}`));
    const samples: CanonicalSample[] = [];
    // Each code's counter grows by 1 a second, scraped every 10 s for a minute.
    for (let k = 0; k <= 6; k++) {
      for (const code of codes)
        samples.push(sample("requests_total", { replica: "r1", code }, 10 * k, T0 + k * 10 * S));
    }
    store.writeSamples(endpoint.id, samples);
    const backend = createStoreBackend(store);
    const minute = { fromMs: T0 + 60 * S, toMs: T0 + 60 * S, stepMs: 60 * S };
    const answer = await backend.queryPanel(endpoint, { panel: "requests", by: "code", ...minute });
    expect(answer.series.length).toBeLessThanOrEqual(SERIES_LIMITS.maxSeriesPerAnswer);
    expect(new Set(answer.series.map((s) => s.name)).size).toBe(answer.series.length);
    expect(answer.warnings?.[0]).toBe("more than 1000 series of requests_total: 2000 were folded as they were read");
    expect(answer.warnings?.[1]).toMatch(/^1001 series: the \d+ largest are shown, the other \d+ folded into /);
    // Every counter rose by 60 over the minute: 1 req/s each, every one still counted in its class.
    const perClass = (names: string[], valueOf: (name: string) => number) =>
      names.reduce<Record<string, number>>((acc, name) => {
        acc[statusClassOf(name)] = (acc[statusClassOf(name)] ?? 0) + valueOf(name);
        return acc;
      }, {});
    const totals = new Map(answer.series.map((s) => [s.name, total(s.points)]));
    const got = perClass([...totals.keys()], (name) => totals.get(name)!);
    const want = perClass(codes, () => 1);
    for (const cls of Object.keys(want)) expect(got[cls], cls).toBeCloseTo(want[cls]!, 6);
    const byClass = await backend.queryPanel(endpoint, { panel: "requests", ...minute });
    expect(byClass.series.map((s) => [s.name, total(s.points)])).toEqual(
      Object.entries(want).map(([cls, n]) => [cls, expect.closeTo(n, 6)]),
    );
  });

  it("sends only the replicas present in the range, and at most the cap of them", async () => {
    const endpoint = makeEndpoint("hf.churn", "huggingface");
    const samples: CanonicalSample[] = [];
    // 120 replicas, each alive for one hour of its own, scraped every minute.
    for (let r = 0; r < 120; r++) {
      for (let m = 0; m < 60; m++)
        samples.push(sample("cpu_percent", { replica: `r${r}` }, r, T0 + r * HOUR + m * 60 * S + S));
    }
    store.writeSamples(endpoint.id, samples);
    const backend = createStoreBackend(store);
    const recent = await backend.queryPanel(endpoint, {
      panel: "cpu",
      by: "replica",
      fromMs: T0 + 117 * HOUR,
      toMs: T0 + 120 * HOUR,
      stepMs: HOUR,
    });
    expect(recent.series.map((s) => s.name)).toEqual(["r116", "r117", "r118", "r119"]);
    const all = await backend.queryPanel(endpoint, {
      panel: "cpu",
      by: "replica",
      fromMs: T0,
      toMs: T0 + 120 * HOUR,
      stepMs: HOUR,
    });
    expect(all.series).toHaveLength(SERIES_LIMITS.maxSeriesPerAnswer);
    expect(all.series.at(-1)?.name).toBe("other");
    expect(all.warnings).toEqual([expect.stringMatching(/120 series: the 49 largest are shown, the other 71 folded/)]);
  });
});

describe("capSeries", () => {
  const series = (name: string, value: number) => ({ name, labels: {}, points: [[0, value] as [number, number]] });

  it("keeps the heaviest series and folds the rest by the panel's rule", () => {
    const input = Array.from({ length: 60 }, (_, i) => series(String(500 + i), i + 1));
    const { series: out, warning } = capSeries(input, panelMeta("requests").fold, 10);
    expect(out).toHaveLength(10);
    expect(out.slice(0, 9).map((s) => s.name)).toEqual(["551", "552", "553", "554", "555", "556", "557", "558", "559"]);
    expect(out[9]).toMatchObject({ name: "5xx", labels: { folded: "51" } });
    expect(out[9]?.points[0]?.[1]).toBe((51 * 52) / 2);
    expect(statusClassOf(out[9]!.name)).toBe("5xx");
    expect(warning).toBe('60 series: the 9 largest are shown, the other 51 folded into "5xx"');
  });

  it("averages folded percentages and leaves small answers alone", () => {
    const { series: out } = capSeries([series("a", 10), series("b", 20), series("c", 30)], panelMeta("cpu").fold, 2);
    expect(out.map((s) => [s.name, s.points[0]?.[1]])).toEqual([
      ["c", 30],
      ["other", 15],
    ]);
    const small = [series("a", 1)];
    expect(capSeries(small, panelMeta("cpu").fold).series).toBe(small);
  });
});
