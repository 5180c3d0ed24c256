/** Durations the product is built around; each is written once, here. */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Raw samples are kept this long; older ranges are answered from roll-ups. */
export const RAW_HORIZON_MS = 48 * HOUR_MS;
/** Roll-ups are kept this long: the longest range a query may ask for. */
export const ROLLUP_HORIZON_MS = 90 * DAY_MS;
/** The longest range a query or a chart may span. */
export const MAX_RANGE_MS = ROLLUP_HORIZON_MS;
/**
 * Roll-up bucket lengths, finest first (the store keeps one table per bucket length): 5 minutes for
 * ranges up to days, 15 for a week's chart (its 900 s step reads a third of the rows), 1 hour beyond.
 */
export const ROLLUP_BUCKETS_MS = [5 * MINUTE_MS, 15 * MINUTE_MS, HOUR_MS] as const;
/** The finest step a range reaching past the raw horizon can fill without gaps. */
export const FINEST_ROLLUP_MS = ROLLUP_BUCKETS_MS[0];
