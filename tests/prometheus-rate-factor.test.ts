import { describe, expect, it } from "vitest";
import { NO_EXTRAPOLATION, prometheusRateFactor } from "@/test-support/prometheus-rate-factor";

describe("prometheusRateFactor", () => {
  const t = 100_000;
  const every = (fromMs: number, toMs: number) =>
    Array.from({ length: (toMs - fromMs) / 1000 + 1 }, (_, i) => fromMs + i * 1000);

  it("is 1 when the scrapes lie within 1.1 intervals of both edges", () => {
    expect(prometheusRateFactor(every(70_400, 99_400), t, 30_000)).toEqual({ min: 29_600 / 30_000, max: 1 });
    expect(prometheusRateFactor([], t, 30_000)).toEqual(NO_EXTRAPOLATION);
  });

  it("stretches by half an interval only past a missed scrape at an edge", () => {
    // First sample 1.4 s after the window's start: 29.4 s of samples at 1 s (cf. Prometheus' extrapolatedRate).
    const stamps = every(71_400, 99_400);
    expect(prometheusRateFactor(stamps, t, 30_000).max).toBeCloseTo((28_000 + 500 + 600) / 30_000, 12);
  });
});
