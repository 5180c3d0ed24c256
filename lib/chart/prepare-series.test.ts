import { describe, expect, it } from "vitest";
import type { SeriesResponse } from "@/lib/api/schemas";
import { BAND_KEY, getLatestValues, prepareSeries, rowAt, withBand } from "./prepare-series";

const STEP = 60_000;
const FROM = 1_800_000_000_000;

function response(overrides: Partial<SeriesResponse>): SeriesResponse {
  return { panel: "latency", unit: "ms", from: FROM, to: FROM + 4 * STEP, stepMs: STEP, series: [], ...overrides };
}

describe("prepareSeries", () => {
  const chart = prepareSeries(
    response({
      series: [
        {
          name: "p50",
          labels: {},
          points: [
            [FROM, 10],
            [FROM + STEP, null],
            [FROM + 3 * STEP, 12],
          ],
        },
        {
          name: "p99",
          labels: {},
          points: [
            [FROM + STEP, 90],
            [FROM + 4 * STEP + 2_000, 95],
          ],
        },
      ],
    }),
  );

  it("puts every series on one step grid from `from` to `to`", () => {
    expect(chart.rows.map((row) => row.t)).toEqual([0, 1, 2, 3, 4].map((i) => FROM + i * STEP));
  });

  it("leaves gaps as null, never zero", () => {
    expect(chart.rows.map((row) => row.s0)).toEqual([10, null, null, 12, null]);
    expect(chart.rows.map((row) => row.s1)).toEqual([null, 90, null, null, 95]);
  });

  it("uses path-safe keys and stable colours", () => {
    expect(chart.series.map((s) => [s.key, s.name, s.color])).toEqual([
      ["s0", "p50", "#0ea5e9"],
      ["s1", "p99", "#f43f5e"],
    ]);
    expect(chart.hasData).toBe(true);
  });

  it("leaves out series with no value in range", () => {
    const sparse = prepareSeries(
      response({
        series: [
          { name: "gone-replica", labels: { replica: "gone-replica" }, points: [[FROM, null]] },
          { name: "live-replica", labels: { replica: "live-replica" }, points: [[FROM, 3]] },
        ],
      }),
    );
    expect(sparse.series.map((s) => [s.key, s.name])).toEqual([["s0", "live-replica"]]);
    expect(sparse.rows[0]).toEqual({ t: FROM, s0: 3 });
  });

  it("reports no data when every point is a gap", () => {
    const empty = prepareSeries(response({ series: [{ name: "p50", labels: {}, points: [[FROM, null]] }] }));
    expect(empty.hasData).toBe(false);
    expect(prepareSeries(response({ series: [] })).hasData).toBe(false);
  });

  it("drops points outside the range and non-finite values", () => {
    const odd = prepareSeries(
      response({
        series: [
          {
            name: "x.y",
            labels: {},
            points: [
              [FROM - STEP, 1],
              [FROM, Number.NaN],
              [FROM + 9 * STEP, 3],
            ],
          },
        ],
      }),
    );
    expect(odd.hasData).toBe(false);
    expect(odd.rows.every((row) => row.s0 === undefined)).toBe(true);
  });

  it("adds a p50–p99 band only where both ends exist", () => {
    const banded = withBand(chart, "p50", "p99");
    expect(banded.rows.map((row) => row[BAND_KEY])).toEqual([null, null, null, null, null]);
    const full = withBand(
      prepareSeries(
        response({
          series: [
            { name: "p50", labels: {}, points: [[FROM, 10]] },
            { name: "p99", labels: {}, points: [[FROM, 80]] },
          ],
        }),
      ),
      "p50",
      "p99",
    );
    expect(full.rows[0]?.[BAND_KEY]).toEqual([10, 80]);
  });

  it("finds the newest value of each series", () => {
    expect(getLatestValues(chart).map(({ series, value }) => [series.name, value])).toEqual([
      ["p50", 12],
      ["p99", 95],
    ]);
  });
});

describe("rowAt", () => {
  const chart = { rows: [{ t: FROM }, { t: FROM + STEP }], fromMs: FROM, stepMs: STEP };

  it("finds the grid slot at a time, and nothing off the grid or for no time", () => {
    expect(rowAt(chart, FROM + STEP)).toBe(chart.rows[1]);
    expect(rowAt(chart, FROM + 2 * STEP)).toBeUndefined();
    expect(rowAt(chart, undefined)).toBeUndefined();
  });
});
