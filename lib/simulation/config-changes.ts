import type { SimulationOptions } from "./options";
import { INCIDENT_PERIOD_MS, MINUTE_MS } from "./traffic";

/**
 * The incident endpoint's recurring config change: a new version of its served entity is rolled
 * out this long into every incident window (20 minutes from each anchor), so config_version and the
 * entity version each go up by one there. Versions count the changes since VERSIONS_SINCE_MS.
 */
export const CONFIG_CHANGE_OFFSET_MS = 2 * MINUTE_MS;
const VERSIONS_SINCE_MS = Date.UTC(2026, 10, 1);

/** How many config changes happened in (VERSIONS_SINCE_MS, atMs]; 0 before it. */
export function configChangesBy(atMs: number, options: SimulationOptions): number {
  const firstMs = options.anchorMs + CONFIG_CHANGE_OFFSET_MS;
  const upTo = (ms: number) => Math.floor((ms - firstMs) / INCIDENT_PERIOD_MS);
  return Math.max(0, upTo(atMs) - upTo(VERSIONS_SINCE_MS));
}
