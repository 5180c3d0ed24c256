const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const NICE_STEPS_MS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

export interface StepInput {
  rangeMs: number;
  /** Plot width: one point per pixel at most. */
  widthPx: number;
  /** Below the scrape interval every other grid point would be a gap. */
  minStepMs: number;
  maxPoints: number;
}

/** The smallest nice step giving at most one point per pixel, at least the scrape interval, under the cap. */
export function getStepMs({ rangeMs, widthPx, minStepMs, maxPoints }: StepInput): number {
  const wanted = Math.max(rangeMs / Math.max(widthPx, 1), minStepMs, rangeMs / maxPoints);
  return NICE_STEPS_MS.find((step) => step >= wanted) ?? Math.ceil(wanted / DAY) * DAY;
}

/** Widens from/to outwards onto multiples of the step, so equal ranges give equal query keys. */
export function alignRange(fromMs: number, toMs: number, stepMs: number): { fromMs: number; toMs: number } {
  return { fromMs: Math.floor(fromMs / stepMs) * stepMs, toMs: Math.ceil(toMs / stepMs) * stepMs };
}

/** Raw samples are kept for 48 hours, 5-minute roll-ups after that (DESIGN.md, Store). */
const RAW_RETENTION_MS = 48 * HOUR;
/** Databricks reports per-minute aggregates; a finer step would draw mostly gaps. */
export const DEFAULT_MIN_STEP_MS = MINUTE;

/** The finest step the stored data can fill: coarser once the range reaches into the roll-ups. */
export function getMinStepMs(fromMs: number, nowMs: number): number {
  return nowMs - fromMs > RAW_RETENTION_MS ? 5 * MINUTE : DEFAULT_MIN_STEP_MS;
}
