import { SERIES_LIMITS, type Replica, type SeriesQueryParams } from "../../../lib/api/schemas";
import { DAY_MS } from "../../../lib/time/horizons";
import { chooseStepMs, finestStepMs } from "../../../lib/time/step";
/** About what a chart on a laptop screen sends as its width. */
const CHART_WIDTH_PX = 1200;

/** One series request of the mix, with its kind for the per-kind rows. */
export interface MixRequest {
  kind: "30 days" | "7 days" | "per replica";
  endpointId: string;
  panel: SeriesQueryParams["panel"];
  days: number;
  replica?: string;
}

/**
 * The series requests an on-call engineer's browser makes over the backfilled endpoints: the requests,
 * latency and CPU panels over 30 and 7 days, and the newest replica's requests, latency, CPU and
 * memory over 7 days.
 */
export function createLoadMix(endpoints: ReadonlyArray<{ id: string; replicas: readonly Replica[] }>): MixRequest[] {
  const mix: MixRequest[] = [];
  for (const { id, replicas } of endpoints) {
    for (const panel of ["requests", "latency", "cpu"] as const) {
      mix.push({ kind: "30 days", endpointId: id, panel, days: 30 });
      mix.push({ kind: "7 days", endpointId: id, panel, days: 7 });
    }
    const newest = [...replicas].sort((a, b) => b.lastSeen - a.lastSeen)[0];
    if (!newest) continue;
    for (const panel of ["requests", "latency", "cpu", "memory"] as const) {
      mix.push({ kind: "per replica", endpointId: id, panel, days: 7, replica: newest.id });
    }
  }
  return mix;
}

/**
 * The request's URL as the browser would send it now (the range resolved at send time). With
 * `computed.stepMultiple`, the step is that multiple of the one the server picks for the chart's width: the
 * same roll-up rows read, a different answer, so no two requests with different multiples share one.
 */
export function toSeriesUrl(
  request: MixRequest,
  nowMs: number,
  computed?: { stepMultiple: number; scrapeIntervalMs: number },
): string {
  const rangeMs = request.days * DAY_MS;
  const params = new URLSearchParams({
    panel: request.panel,
    from: String(nowMs - rangeMs),
    to: String(nowMs),
    width: String(CHART_WIDTH_PX),
  });
  if (computed) {
    const minStepMs = finestStepMs(nowMs - rangeMs, nowMs, computed.scrapeIntervalMs);
    const serverStepMs = chooseStepMs(rangeMs, {
      widthPx: CHART_WIDTH_PX,
      minStepMs,
      maxPoints: SERIES_LIMITS.maxPointsPerSeries,
    });
    params.set("step", String(serverStepMs * computed.stepMultiple));
  }
  if (request.replica) params.set("replica", request.replica);
  return `http://127.0.0.1/api/endpoints/${encodeURIComponent(request.endpointId)}/series?${params}`;
}
