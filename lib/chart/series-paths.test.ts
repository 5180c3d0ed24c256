import { describe, expect, it } from "vitest";
import { areaPath, linePath, stackRanges, type AreaReader, type LineReader } from "./series-paths";
import type { ChartRow } from "./prepare-series";

// t 0..4 → x 0..400; value 0..10 → y 100..0 (the plot's top is y 0).
const x = (t: number) => t * 100;
const y = (v: number) => 100 - v * 10;
const rows = (values: (number | null)[]): ChartRow[] => values.map((v, t) => ({ t, s0: v }));
const s0: LineReader<ChartRow> = { time: (row) => row.t, value: (row) => row.s0 };

describe("linePath", () => {
  it("draws a run of values as one line", () => {
    expect(linePath(rows([0, 5, 10]), s0, x, y)).toBe("M0,100L100,50L200,0");
  });

  it("breaks the line at a null instead of drawing through it or to zero", () => {
    expect(linePath(rows([1, 2, null, 3, 4]), s0, x, y)).toBe("M0,90L100,80M300,70L400,60");
  });

  it("keeps a value alone between gaps, as a dot", () => {
    expect(linePath(rows([null, 5, null, 6]), s0, x, y)).toBe("M100,50h0M300,40h0");
  });

  it("holds each value until the next when stepped", () => {
    expect(linePath(rows([1, 3, 2]), s0, x, y, true)).toBe("M0,90H100V70H200V80");
  });

  it("draws nothing for a series without values, or off the axes", () => {
    expect(linePath(rows([null, null]), s0, x, y)).toBe("");
    const onlyFirstTwo = (t: number) => (t < 2 ? t * 100 : undefined);
    expect(linePath(rows([1, 2, 3]), s0, onlyFirstTwo, y)).toBe("M0,90L100,80");
  });

  it("rounds pixels to a tenth", () => {
    expect(linePath(rows([1 / 3, 2 / 3]), s0, x, y)).toBe("M0,96.7L100,93.3");
  });
});

describe("linePath over points", () => {
  it("reads any item shape through its reader", () => {
    const points: [number, number | null][] = [
      [0, 1],
      [1, null],
      [2, 3],
      [3, 4],
    ];
    const read: LineReader<[number, number | null]> = { time: ([t]) => t, value: ([, v]) => v };
    expect(linePath(points, read, x, y)).toBe("M0,90h0M200,70L300,60");
  });
});

describe("areaPath", () => {
  type Banded = { t: number; range: [number, number] | null };
  const read: AreaReader<Banded> = { time: (item) => item.t, range: (item) => item.range };
  const banded = (ranges: ([number, number] | null)[]): Banded[] => ranges.map((range, t) => ({ t, range }));

  it("fills along the highs and back along the lows, closed", () => {
    expect(
      areaPath(
        banded([
          [1, 5],
          [2, 6],
          [3, 7],
        ]),
        read,
        x,
        y,
      ),
    ).toBe("M0,50L100,40L200,30L200,70L100,80L0,90Z");
  });

  it("ends a shape at a gap and leaves a value alone unfilled", () => {
    expect(areaPath(banded([[0, 1], [0, 2], null, [0, 3], null, [0, 4], [0, 5]]), read, x, y)).toBe(
      "M0,90L100,80L100,100L0,100ZM500,60L600,50L600,100L500,100Z",
    );
  });

  it("holds both edges when stepped", () => {
    expect(
      areaPath(
        banded([
          [1, 2],
          [3, 5],
        ]),
        read,
        x,
        y,
        true,
      ),
    ).toBe("M0,80H100V50V70V90H0Z");
  });
});

describe("stackRanges", () => {
  it("starts each series where the ones before it end", () => {
    const stacked = stackRanges(
      [
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ],
      ["a", "b"],
    );
    expect(stacked).toEqual([
      [
        [0, 1],
        [0, 3],
      ],
      [
        [1, 3],
        [3, 7],
      ],
    ]);
  });

  it("counts a gap as nothing under the next series and as a gap in its own", () => {
    const stacked = stackRanges(
      [
        { a: null, b: 2 },
        { a: 3, b: null },
      ],
      ["a", "b"],
    );
    expect(stacked).toEqual([
      [null, [0, 3]],
      [[0, 2], null],
    ]);
  });
});
