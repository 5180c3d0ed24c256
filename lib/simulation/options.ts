/** What the live fake servers and a history backfill must share so that they agree. */
export interface SimulationOptions {
  /** Start of a 5xx incident window; windows recur every 6 hours from here (both ways in time). */
  anchorMs: number;
}

export const DEFAULT_SIMULATION: SimulationOptions = { anchorMs: 0 };
