import { describe, expect, it } from "vitest";
import { sample } from "@/test-support/endpoints";
import { createSeriesBudget } from "./series-budget";

const T = 1_788_717_600_000;
const HOUR = 3600_000;
const codes = (from: number, count: number, ts = T) =>
  Array.from({ length: count }, (_, i) => sample("requests_total", { replica: "r1", code: String(from + i) }, 1, ts));
const codesOf = (samples: ReturnType<typeof codes>) => samples.map((s) => s.labels.code);

describe("createSeriesBudget", () => {
  it("keeps a scrape within both limits as it is", () => {
    const budget = createSeriesBudget({ maxSeriesPerScrape: 3, maxSeriesPerEndpoint: 3 }, HOUR);
    const scrape = codes(200, 3);
    expect(budget.admit("e", scrape, T)).toEqual({
      samples: scrape,
      droppedSeries: 0,
      droppedSamples: 0,
      warning: null,
    });
  });

  it("takes new series in the exposition's order up to the per-scrape limit", () => {
    const budget = createSeriesBudget({ maxSeriesPerScrape: 2, maxSeriesPerEndpoint: 10 }, HOUR);
    const admitted = budget.admit("e", codes(200, 5), T);
    expect(codesOf(admitted.samples)).toEqual(["200", "201"]);
    expect(admitted).toMatchObject({
      droppedSeries: 3,
      droppedSamples: 3,
      warning: "dropped 3 of 5 series: at most 2 series per scrape (SERVESCOPE_MAX_SERIES_PER_SCRAPE)",
    });
  });

  it("keeps the series it knows before new ones, wherever they come in the scrape", () => {
    const budget = createSeriesBudget({ maxSeriesPerScrape: 2, maxSeriesPerEndpoint: 10 }, HOUR);
    budget.admit("e", codes(500, 1), T);
    expect(codesOf(budget.admit("e", codes(200, 4).concat(codes(500, 1)), T + 15_000).samples)).toEqual(["200", "500"]);
  });

  it("admits no new series once the endpoint holds its limit, until old ones stop reporting", () => {
    const budget = createSeriesBudget({ maxSeriesPerScrape: 10, maxSeriesPerEndpoint: 4 }, HOUR);
    expect(budget.admit("e", codes(200, 3), T).droppedSeries).toBe(0);
    const full = budget.admit("e", codes(300, 3), T + 15_000);
    expect(codesOf(full.samples)).toEqual(["300"]);
    expect(full.warning).toBe(
      "dropped 2 of 3 series: at most 4 series per endpoint (SERVESCOPE_MAX_SERIES_PER_ENDPOINT)",
    );
    // Another endpoint has its own room.
    expect(budget.admit("other", codes(300, 3), T).droppedSeries).toBe(0);
    // An hour later the first three are no longer active; "300" still is.
    const later = budget.admit("e", codes(300, 4, T + HOUR + 1000), T + HOUR + 1000);
    expect(codesOf(later.samples)).toEqual(["300", "301", "302", "303"]);
  });

  it("counts each series once however many samples it has in the scrape", () => {
    const budget = createSeriesBudget({ maxSeriesPerScrape: 1, maxSeriesPerEndpoint: 1 }, HOUR);
    const twice = [...codes(200, 1, T), ...codes(200, 1, T + 1000)];
    expect(budget.admit("e", twice, T).samples).toEqual(twice);
  });
});
