/** Bounds of the factor Prometheus scales a counter's (last − first) ÷ (t_last − t_first) by; 1 for the others. */
export interface RateFactor {
  min: number;
  max: number;
}

export const NO_EXTRAPOLATION: RateFactor = { min: 1, max: 1 };

/**
 * Prometheus 2.x's `rate` over [t − range, t]: the increase between its first and last samples,
 * stretched to each edge lying within 1.1 average intervals of them (else by half an interval; a
 * counter near zero stretches to its zero only), ÷ range. Its own scrape times give the stretch.
 */
export function prometheusRateFactor(stampsMs: readonly number[], tMs: number, rangeMs: number): RateFactor {
  const inRange = stampsMs.filter((ts) => ts >= tMs - rangeMs && ts <= tMs);
  const first = inRange[0];
  const last = inRange.at(-1);
  if (first === undefined || last === undefined || inRange.length < 2) return NO_EXTRAPOLATION;
  const sampled = last - first;
  const average = sampled / (inRange.length - 1);
  const stretch = (gapMs: number) => (gapMs < 1.1 * average ? gapMs : average / 2);
  const end = stretch(tMs - last);
  return { min: (sampled + end) / rangeMs, max: (sampled + stretch(first - (tMs - rangeMs)) + end) / rangeMs };
}
