import { describe, expect, it } from "vitest";
import { histogramQuantile } from "./histogram-quantile";
import { bucketQuantiles } from "./quantile-windows";

const INF = Number.POSITIVE_INFINITY;

describe("histogramQuantile", () => {
  const buckets = [
    { le: 10, count: 10 },
    { le: 20, count: 30 },
    { le: 50, count: 40 },
    { le: INF, count: 40 },
  ];

  it("interpolates linearly inside the bucket that holds the rank", () => {
    // rank 20 of 40: 10 into the (10, 20] bucket of 20 → 10 + 10 × 10/20.
    expect(histogramQuantile(0.5, buckets)).toBe(15);
    // rank 36: 6 into the (20, 50] bucket of 10 → 20 + 30 × 0.6.
    expect(histogramQuantile(0.9, buckets)).toBeCloseTo(38, 10);
    // rank 4 in the first bucket, which starts at 0.
    expect(histogramQuantile(0.1, buckets)).toBe(4);
  });

  it("answers with the highest finite le when the rank falls in +Inf", () => {
    const tail = [
      { le: 10, count: 5 },
      { le: 100, count: 8 },
      { le: INF, count: 10 },
    ];
    expect(histogramQuantile(0.99, tail)).toBe(100);
  });

  it("sorts, merges equal le and forces monotonic counts", () => {
    const messy = [
      { le: INF, count: 40 },
      { le: 20, count: 20 },
      { le: 10, count: 10 },
      { le: 20, count: 10 },
      { le: 50, count: 35 },
    ];
    expect(histogramQuantile(0.5, messy)).toBe(15);
  });

  it("is null without observations, without +Inf or with one bucket", () => {
    expect(
      histogramQuantile(0.5, [
        { le: 10, count: 0 },
        { le: INF, count: 0 },
      ]),
    ).toBeNull();
    expect(
      histogramQuantile(0.5, [
        { le: 10, count: 3 },
        { le: 20, count: 4 },
      ]),
    ).toBeNull();
    expect(histogramQuantile(0.5, [{ le: INF, count: 4 }])).toBeNull();
  });

  it("returns ±Inf outside [0, 1] as Prometheus does", () => {
    expect(histogramQuantile(-1, buckets)).toBe(Number.NEGATIVE_INFINITY);
    expect(histogramQuantile(2, buckets)).toBe(INF);
  });

  it("answers at every grid point of bucketQuantiles what it answers for that point's buckets", () => {
    // Unsorted, a repeated le, counts that dip (scrape skew), gaps (null) in some buckets and a point with none.
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const les = [50, 10, INF, 20, 10, 100];
    const length = 40;
    const buckets = les.map((le, i) => ({
      le,
      counts: Array.from({ length }, (_, k) =>
        k === 5 || (i === 3 && k % 7 === 0) ? null : Math.round(next() * 20 * (i + 1)),
      ),
    }));
    const answers = bucketQuantiles(buckets, length);
    for (const { name, values } of answers) {
      const q = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 }[name];
      values.forEach((value, k) => {
        const point = buckets.map((b) => ({ le: b.le, count: b.counts[k] ?? 0 }));
        expect(value).toBe(k === 5 ? null : histogramQuantile(q, point));
      });
    }
    expect(answers.flatMap((a) => a.values).filter((v) => v !== null).length).toBe(4 * (length - 1));
  });
});
