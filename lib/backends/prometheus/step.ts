/** Prometheus refuses a range query whose (end − start) / step exceeds this (VictoriaMetrics allows more). */
export const PROMETHEUS_MAX_POINTS_PER_SERIES = 11_000;

export interface Grid {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

/**
 * The grid sent to the engine: the requested one when it fits the per-series limit, else the
 * smallest multiple of the step that does, with from/to realigned inward to that coarser step
 * (engines such as VictoriaMetrics align start to the step anyway).
 */
export function toPrometheusGrid(requested: Grid, maxPoints: number = PROMETHEUS_MAX_POINTS_PER_SERIES): Grid {
  const { fromMs, toMs, stepMs } = requested;
  const intervals = Math.floor((toMs - fromMs) / stepMs);
  if (intervals < maxPoints) return requested;
  const factor = Math.ceil(intervals / (maxPoints - 1));
  const coarseMs = stepMs * factor;
  return {
    fromMs: Math.ceil(fromMs / coarseMs) * coarseMs,
    toMs: Math.floor(toMs / coarseMs) * coarseMs,
    stepMs: coarseMs,
  };
}

/** Timestamps of the grid, from first to last inclusive. */
export function gridTimestamps(grid: Grid): number[] {
  const count = Math.floor((grid.toMs - grid.fromMs) / grid.stepMs) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, index) => grid.fromMs + index * grid.stepMs);
}
