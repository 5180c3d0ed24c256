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
  if (Number.isNaN(q)) return null;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const buckets = mergeByLe(input);
  const last = buckets[buckets.length - 1];
  if (buckets.length < 2 || !last || last.le !== Number.POSITIVE_INFINITY) return null;
  ensureMonotonic(buckets);
  const observations = last.count;
  if (!(observations > 0)) return null;
  let rank = q * observations;
  const b = buckets.findIndex((bucket) => bucket.count >= rank);
  if (b === buckets.length - 1) return (buckets[b - 1] as Bucket).le;
  const bucket = buckets[b] as Bucket;
  if (b === 0 && bucket.le <= 0) return bucket.le;
  let start = 0;
  let count = bucket.count;
  if (b > 0) {
    const previous = buckets[b - 1] as Bucket;
    start = previous.le;
    count -= previous.count;
    rank -= previous.count;
  }
  return start + (bucket.le - start) * (rank / count);
}

function mergeByLe(input: readonly Bucket[]): Bucket[] {
  const sorted = [...input].sort((a, b) => a.le - b.le);
  const merged: Bucket[] = [];
  for (const bucket of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && previous.le === bucket.le) previous.count += bucket.count;
    else merged.push({ ...bucket });
  }
  return merged;
}

/** Counts of cumulative buckets never decrease; scrape skew can make them, so carry the max forward. */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const bucket of buckets) {
    if (bucket.count > max) max = bucket.count;
    else bucket.count = max;
  }
}
