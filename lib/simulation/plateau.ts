/**
 * Hugging Face gauges hold one value per 15-second plateau aligned to multiples of 15 s since the
 * epoch, so scrapers polling at different instants see, and average, the same values.
 */
export const PLATEAU_MS = 15_000;

/** The index of the plateau holding `atMs`. */
export function plateauOf(atMs: number): number {
  return Math.floor(atMs / PLATEAU_MS);
}
