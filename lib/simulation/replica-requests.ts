import { memoizeByIndex } from "./memo";
import type { ReplicaSchedule } from "./replicas";
import { requestsBetween } from "./traffic";

/** A week of one-minute cells: a backfill's sweep stays cached (about 1 MB per schedule). */
const MAX_CACHED_CELLS = 10_080;
/** The ends of the last scrapes, shared by every replica of a scrape. */
const MAX_CACHED_ENDS = 64;

interface CellRequests {
  /** A whole grid cell. */
  whole: (grid: number) => number;
  /** From an instant to the end of its cell (a replica's first, partial cell). */
  head: (fromMs: number) => number;
  /** From the start of an instant's cell to the instant (a scrape's last, partial cell). */
  tail: (toMs: number) => number;
}

// Cached per schedule: a scrape sums up to a dozen cells per replica (a process lives ≤ 2 h).
const cellsBySchedule = new WeakMap<ReplicaSchedule, CellRequests>();

function shareOf(schedule: ReplicaSchedule, grid: number, fromMs: number, toMs: number): number {
  return requestsBetween(schedule.traffic, fromMs, toMs) / Math.max(1, schedule.countAt(grid));
}

function cellsOf(schedule: ReplicaSchedule): CellRequests {
  let cells = cellsBySchedule.get(schedule);
  if (!cells) {
    const { gridMs } = schedule;
    const gridOf = (atMs: number) => Math.floor(atMs / gridMs);
    cells = {
      whole: memoizeByIndex((grid) => shareOf(schedule, grid, grid * gridMs, (grid + 1) * gridMs), MAX_CACHED_CELLS),
      head: memoizeByIndex(
        (fromMs) => shareOf(schedule, gridOf(fromMs), fromMs, (gridOf(fromMs) + 1) * gridMs),
        MAX_CACHED_CELLS,
      ),
      tail: memoizeByIndex((toMs) => shareOf(schedule, gridOf(toMs), gridOf(toMs) * gridMs, toMs), MAX_CACHED_ENDS),
    };
    cellsBySchedule.set(schedule, cells);
  }
  return cells;
}

/**
 * Requests one replica answers between two instants: the exact integral of its share of the rate
 * (the rate ÷ the replicas running, constant on each grid cell).
 */
export function requestsPerReplica(schedule: ReplicaSchedule, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const { gridMs } = schedule;
  const first = Math.floor(fromMs / gridMs);
  const last = Math.floor(toMs / gridMs);
  if (first === last) return shareOf(schedule, first, fromMs, toMs);
  const cells = cellsOf(schedule);
  let total = fromMs === first * gridMs ? cells.whole(first) : cells.head(fromMs);
  for (let grid = first + 1; grid < last; grid += 1) total += cells.whole(grid);
  return toMs === last * gridMs ? total : total + cells.tail(toMs);
}
