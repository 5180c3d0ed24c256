import "server-only";
import type { DecodedChunk, DecodedColumns } from "./chunk-codec";
import { counterIncrease } from "./counters";
import type { SeriesWindows, WindowRange } from "./windows";

function add(windows: SeriesWindows, k: number, count: number, sum: number, max: number): void {
  windows.count[k] = (windows.count[k] as number) + count;
  windows.sum[k] = (windows.sum[k] as number) + sum;
  const current = windows.max[k] as number;
  if (Number.isNaN(current) || max > current) windows.max[k] = max;
}

/**
 * Adds raw samples (time order, possibly from before the range) into their windows (t − step, t].
 * Counters add their reset-aware increase and the ms it covers; a series' first sample adds 0.
 */
export function foldSamples(
  windows: SeriesWindows,
  chunks: readonly DecodedChunk[],
  range: WindowRange,
  cumulative: boolean,
): void {
  const { fromMs, toMs, stepMs } = range;
  const lo = fromMs - stepMs;
  const covered = windows.coveredMs;
  let prevTs = Number.NaN;
  let prevValue = Number.NaN;
  for (const { ts, values } of chunks) {
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i] as number;
      const v = values[i] as number;
      if (t > lo && t <= toMs) {
        const k = Math.ceil((t - fromMs) / stepMs);
        if (!cumulative) add(windows, k, 1, v, v);
        else if (Number.isNaN(prevTs)) add(windows, k, 1, 0, 0);
        else {
          const d = counterIncrease(prevValue, v);
          add(windows, k, 1, d, d);
          if (covered) covered[k] = (covered[k] as number) + (t - prevTs);
        }
      }
      prevTs = t;
      prevValue = v;
    }
  }
}

/** One roll-up bucket b (of resMs, ending at b·resMs) added into its window, if the grid has it. */
function addBucket(
  windows: SeriesWindows,
  range: WindowRange,
  resMs: number,
  b: number,
  count: number,
  sum: number,
  max: number,
): void {
  const k = Math.ceil((b * resMs - range.fromMs) / range.stepMs);
  if (k >= 0 && k < windows.count.length) add(windows, k, count, sum, max);
}

/** Roll-up rows [b, count, sum, max], added into their windows. */
export function foldBuckets(
  windows: SeriesWindows,
  rows: readonly (readonly number[])[],
  resMs: number,
  range: WindowRange,
): void {
  for (const [b, count, sum, max] of rows) {
    addBucket(windows, range, resMs, b as number, count as number, sum as number, max as number);
  }
}

/** Roll-up blocks' buckets in (lo, hi] (keys b; columns count, sum, max), added into their windows. */
export function foldBlocks(
  windows: SeriesWindows,
  blocks: readonly DecodedColumns[],
  lo: number,
  hi: number,
  resMs: number,
  range: WindowRange,
): void {
  for (const { keys, columns } of blocks) {
    const [count, sum, max] = columns as [Float64Array, Float64Array, Float64Array];
    for (let i = 0; i < keys.length; i++) {
      const b = keys[i] as number;
      if (b > lo && b <= hi)
        addBucket(windows, range, resMs, b, count[i] as number, sum[i] as number, max[i] as number);
    }
  }
}
