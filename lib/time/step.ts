import { chooseStepMs } from "@/lib/series/step";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface StepInput {
  rangeMs: number;
  /** Plot width: one point per pixel at most. */
  widthPx: number;
  /** Below the scrape interval every other grid point would be a gap. */
  minStepMs: number;
  maxPoints: number;
}

/** The step a chart asks for: the server's rule (lib/series/step) with the chart's width. */
export function getStepMs({ rangeMs, widthPx, minStepMs, maxPoints }: StepInput): number {
  return chooseStepMs(rangeMs, { widthPx: Math.max(widthPx, 1), scrapeIntervalMs: minStepMs, maxPoints });
}

/** Raw samples are kept for 48 hours, 5-minute roll-ups after that (DESIGN.md, Store). */
const RAW_RETENTION_MS = 48 * HOUR;
/** Databricks reports per-minute aggregates; a finer step would draw mostly gaps. */
export const DEFAULT_MIN_STEP_MS = MINUTE;

/** The finest step the stored data can fill: coarser once the range reaches into the roll-ups. */
export function getMinStepMs(fromMs: number, nowMs: number): number {
  return nowMs - fromMs > RAW_RETENTION_MS ? 5 * MINUTE : DEFAULT_MIN_STEP_MS;
}
