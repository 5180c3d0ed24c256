import type { DatabricksMetricsProfile } from "./databricks-catalog";
import type { SimulationOptions } from "./options";
import { isIncident, MINUTE_MS, requestsBetween } from "./traffic";

const INCIDENT_5XX_RATIO = 0.35;

/** What one endpoint served in the minute starting at `startMs`: the metrics and the logs tell the same story. */
export interface MinuteRequests {
  count: number;
  count4xx: number;
  count5xx: number;
  incident: boolean;
}

export function minuteRequests(
  profile: DatabricksMetricsProfile,
  startMs: number,
  options: SimulationOptions,
): MinuteRequests {
  const count = Math.round(requestsBetween(profile.traffic, startMs, startMs + MINUTE_MS));
  const incident = profile.incident && isIncident(startMs, options.anchorMs);
  return {
    count,
    count4xx: Math.round(count * profile.ratio4xx),
    count5xx: Math.round(count * (incident ? INCIDENT_5XX_RATIO : profile.ratio5xx)),
    incident,
  };
}
