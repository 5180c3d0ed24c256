import {
  DAY_MS as D,
  FINEST_ROLLUP_MS,
  HOUR_MS as H,
  MINUTE_MS as M,
  RAW_HORIZON_MS,
  SECOND_MS as S,
} from "./horizons";

/** Steps a chart may use, smallest first: ticks and roll-up buckets line up on them. */
export const NICE_STEPS_MS: readonly number[] = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
];

/** The smallest nice step ≥ stepMs; past one day, whole days. */
export function roundUpToNiceStepMs(stepMs: number): number {
  const nice = NICE_STEPS_MS.find((candidate) => candidate >= stepMs);
  return nice ?? Math.ceil(stepMs / D) * D;
}

export interface StepOptions {
  /** Chart width in pixels: about one point per pixel. */
  widthPx?: number;
  /** No point in a step finer than the data (see `finestStepMs`). */
  minStepMs: number;
  /** Cap on points per series, grid ends included. */
  maxPoints: number;
}

/**
 * The one step rule: max(range ÷ width, finest step, range ÷ point cap), rounded up to a nice step,
 * so that a grid from an aligned `from` to an aligned `to` (both inclusive) never exceeds the cap.
 */
export function chooseStepMs(rangeMs: number, options: StepOptions): number {
  const { widthPx, minStepMs, maxPoints } = options;
  const byWidth = widthPx && widthPx > 0 ? rangeMs / widthPx : 0;
  // Aligning both ends outwards adds up to two points to range ÷ step.
  const byCap = rangeMs / Math.max(1, maxPoints - 2);
  return roundUpToNiceStepMs(Math.max(byWidth, minStepMs, byCap, 1));
}

/**
 * The finest step the stored data can fill: the scrape interval, or the finest roll-up bucket once
 * the range reaches past the raw horizon (a finer step would draw mostly gaps).
 */
export function finestStepMs(fromMs: number, nowMs: number, scrapeIntervalMs: number): number {
  return nowMs - fromMs > RAW_HORIZON_MS ? Math.max(scrapeIntervalMs, FINEST_ROLLUP_MS) : scrapeIntervalMs;
}

/** from rounded down and to rounded up to multiples of the step, so the grid covers the range. */
export function alignRange(fromMs: number, toMs: number, stepMs: number): { fromMs: number; toMs: number } {
  return {
    fromMs: Math.floor(fromMs / stepMs) * stepMs,
    toMs: Math.ceil(toMs / stepMs) * stepMs,
  };
}
