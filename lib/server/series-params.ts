import type { z } from "zod";
import { SERIES_LIMITS, SeriesQueryParamsSchema, type GroupBy, type Panel } from "@/lib/api/schemas";
import type { PanelQuery } from "@/lib/query/types";
import { alignRange, chooseStepMs } from "@/lib/series/step";
import { ApiProblem } from "./api-response";

const GROUPINGS: Record<Panel, readonly GroupBy[]> = {
  requests: ["class", "code"],
  pending: ["avg", "replica"],
  latency: [],
  replicas: [],
  cpu: ["avg", "replica"],
  memory: ["avg", "replica"],
  gpu: ["avg", "replica"],
  vram: ["avg", "replica"],
  concurrency: [],
};

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid query";
  if (issue.code === "unrecognized_keys") return `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  const field = issue.path.join(".");
  return field ? `parameter "${field}": ${issue.message}` : issue.message;
}

/**
 * Turns the series query string into a bounded, aligned PanelQuery: defaults to the last hour,
 * picks a step when absent, and refuses ranges or steps that would exceed the point cap.
 */
export function resolveSeriesQuery(
  search: URLSearchParams,
  { nowMs, scrapeIntervalMs }: { nowMs: number; scrapeIntervalMs: number },
): PanelQuery {
  const parsed = SeriesQueryParamsSchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) throw new ApiProblem(400, "bad_parameter", describe(parsed.error));
  const params = parsed.data;
  const allowed = GROUPINGS[params.panel];
  if (params.by !== undefined && !allowed.includes(params.by)) {
    const options = allowed.length ? `one of ${allowed.map((b) => `"${b}"`).join(", ")}` : "not accepted";
    throw new ApiProblem(400, "bad_parameter", `parameter "by" for panel "${params.panel}": ${options}`);
  }
  const toMs = params.to ?? nowMs;
  const fromMs = params.from ?? toMs - SERIES_LIMITS.defaultRangeMs;
  if (fromMs >= toMs) throw new ApiProblem(400, "bad_parameter", `"from" (${fromMs}) must be before "to" (${toMs})`);
  const rangeMs = toMs - fromMs;
  if (rangeMs > SERIES_LIMITS.maxRangeMs) {
    throw new ApiProblem(
      400,
      "bad_parameter",
      `range of ${Math.round(rangeMs / 86_400_000)} days exceeds the maximum of 90 days`,
    );
  }
  const stepMs =
    params.step ?? chooseStepMs(rangeMs, { scrapeIntervalMs, maxPoints: SERIES_LIMITS.maxPointsPerSeries });
  const aligned = alignRange(fromMs, toMs, stepMs);
  const points = Math.floor((aligned.toMs - aligned.fromMs) / stepMs) + 1;
  if (points > SERIES_LIMITS.maxPointsPerSeries) {
    throw new ApiProblem(
      400,
      "bad_parameter",
      `step of ${stepMs} ms gives ${points} points per series; at most ${SERIES_LIMITS.maxPointsPerSeries} (use a step of at least ${Math.ceil(rangeMs / (SERIES_LIMITS.maxPointsPerSeries - 2))} ms)`,
    );
  }
  return { panel: params.panel, ...aligned, stepMs, replica: params.replica, by: params.by, agg: params.agg };
}
