import type { Point } from "@/lib/api/schemas";

/** Grid times fromMs + k·stepMs, both ends inclusive. */
export function gridTimes(fromMs: number, toMs: number, stepMs: number): number[] {
  const times: number[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) times.push(t);
  return times;
}

/** Number of grid points from fromMs to toMs inclusive. */
export function gridLength(fromMs: number, toMs: number, stepMs: number): number {
  return toMs < fromMs ? 0 : Math.floor((toMs - fromMs) / stepMs) + 1;
}

/**
 * Index k of the grid point whose window (t_k − step, t_k] holds tsMs; may fall outside the grid.
 * Each point summarises the step that ends at it, as Prometheus's range functions do.
 */
export function windowIndex(tsMs: number, fromMs: number, stepMs: number): number {
  return Math.ceil((tsMs - fromMs) / stepMs);
}

/** Pairs grid times with values; undefined and NaN become null (a gap, never 0). */
export function toPoints(times: readonly number[], values: ArrayLike<number | null | undefined>): Point[] {
  return times.map((t, k) => {
    const v = values[k];
    return [t, v === undefined || v === null || Number.isNaN(v) ? null : v];
  });
}
