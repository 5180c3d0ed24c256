import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";
import { prepareSeries } from "./prepare-series";

describe("toCsv", () => {
  it("writes one column per series, empty cells for gaps, quoted names where needed", () => {
    const chart = prepareSeries({
      panel: "cpu",
      unit: "%",
      from: 0,
      to: 60_000,
      stepMs: 60_000,
      series: [
        { name: "avg", labels: {}, points: [[0, 12.5]] },
        { name: 'gpu "0", a', labels: {}, points: [[60_000, 3]] },
      ],
    });
    expect(toCsv(chart)).toBe(
      [
        'timestamp_ms,time_utc,avg,"gpu ""0"", a"',
        "0,1970-01-01T00:00:00.000Z,12.5,",
        "60000,1970-01-01T00:01:00.000Z,,3",
        "",
      ].join("\n"),
    );
  });
});
