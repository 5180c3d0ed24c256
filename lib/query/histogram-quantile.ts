/** One cumulative bucket: observations ≤ le. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * Prometheus's histogram_quantile (promql/quantile.go, bucketQuantile), as a pure function:
 * buckets sorted and merged by le, counts forced monotonic, linear interpolation inside the
 * bucket holding the rank (the first bucket starts at 0), the +Inf bucket answers with the highest
 * finite le. Null where Prometheus answers NaN: no +Inf bucket, fewer than two buckets, no observations.
 */
export function histogramQuantile(q: number, input: readonly Bucket[]): number | null {
  const bounds = sortedBounds(input.map((bucket) => bucket.le));
  const counts = new Float64Array(bounds.les.length);
  input.forEach((bucket, i) => {
    const j = bounds.slot[i] as number;
    counts[j] = (counts[j] as number) + bucket.count;
  });
  ensureMonotonic(counts);
  return quantileOfSorted(q, bounds.les, counts);
}

/** Bucket bounds sorted and merged once, with the merged slot of each input bucket. */
export interface SortedBounds {
  les: number[];
  slot: number[];
}

/** The distinct bounds in ascending order; buckets with an equal le share a slot, where their counts add. */
export function sortedBounds(input: readonly number[]): SortedBounds {
  const les = [...new Set(input)].sort((a, b) => a - b);
  const index = new Map(les.map((le, j) => [le, j]));
  return { les, slot: input.map((le) => index.get(le) as number) };
}

/**
 * The quantile over merged buckets (counts per `les` slot, made monotonic): what histogramQuantile
 * answers for them. Split out so many grid points share one sort of their bounds.
 */
export function quantileOfSorted(q: number, les: readonly number[], counts: ArrayLike<number>): number | null {
  if (Number.isNaN(q)) return null;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const n = les.length;
  if (n < 2 || les[n - 1] !== Number.POSITIVE_INFINITY) return null;
  const observations = counts[n - 1] as number;
  if (!(observations > 0)) return null;
  let rank = q * observations;
  let b = 0;
  while (b < n && !((counts[b] as number) >= rank)) b++;
  if (b === n - 1) return les[b - 1] as number;
  const le = les[b] as number;
  if (b === 0 && le <= 0) return le;
  let start = 0;
  let count = counts[b] as number;
  if (b > 0) {
    start = les[b - 1] as number;
    count -= counts[b - 1] as number;
    rank -= counts[b - 1] as number;
  }
  return start + (le - start) * (rank / count);
}

/** Counts of cumulative buckets never decrease; scrape skew can make them, so carry the max forward. */
export function ensureMonotonic(counts: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number;
    if (count > max) max = count;
    else counts[i] = max;
  }
}
