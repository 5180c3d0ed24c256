import { describe, expect, it } from "vitest";
import { getClassShares } from "./class-shares";

describe("getClassShares", () => {
  it("sums rate × step per class and divides by all requests", () => {
    const shares = getClassShares(
      [
        {
          name: "2xx",
          labels: {},
          points: [
            [0, 9],
            [60_000, null],
            [120_000, 9],
          ],
        },
        {
          name: "5xx",
          labels: {},
          points: [
            [0, 1],
            [60_000, 1],
          ],
        },
      ],
      60_000,
    );
    expect(shares).toEqual([
      { statusClass: "2xx", requests: 1080, share: 0.9 },
      { statusClass: "5xx", requests: 120, share: 0.1 },
    ]);
  });

  it("groups codes into their classes", () => {
    const shares = getClassShares(
      [
        { name: "503", labels: {}, points: [[0, 1]] },
        { name: "200", labels: {}, points: [[0, 2]] },
        { name: "500", labels: {}, points: [[0, 1]] },
      ],
      1000,
    );
    expect(shares.map((s) => [s.statusClass, s.share])).toEqual([
      ["2xx", 0.5],
      ["5xx", 0.5],
    ]);
  });

  it("has no share when nothing was requested", () => {
    expect(getClassShares([{ name: "2xx", labels: {}, points: [[0, 0]] }], 1000)).toEqual([
      { statusClass: "2xx", requests: 0, share: null },
    ]);
  });

  it("counts requests with codes that are no status code as 'other', so the shares add up to all requests", () => {
    const shares = getClassShares(
      [
        { name: "200", labels: {}, points: [[0, 3]] },
        { name: "unknown", labels: {}, points: [[0, 1]] },
        { name: "other", labels: {}, points: [[0, 0]] },
      ],
      1000,
    );
    expect(shares).toEqual([
      { statusClass: "2xx", requests: 3, share: 0.75 },
      { statusClass: "other", requests: 1, share: 0.25 },
    ]);
  });
});
