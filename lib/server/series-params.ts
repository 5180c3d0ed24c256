import "server-only";
import { SeriesQueryParamsSchema } from "@/lib/api/schemas";
import { panelMeta } from "@/lib/panels/catalog";
import { QueryRangeError, resolvePanelQuery } from "@/lib/query";
import type { PanelQuery } from "@/lib/query/types";
import { ApiProblem } from "./api-response";
import { parseQueryParams } from "./query-params";

/**
 * Turns the series query string into a bounded, aligned PanelQuery (400 with a precise message
 * otherwise): known parameters only, a grouping the panel has, a range of at most 90 days.
 */
export function resolveSeriesQuery(
  search: URLSearchParams,
  context: { nowMs: number; scrapeIntervalMs: number },
): PanelQuery {
  const params = parseQueryParams(SeriesQueryParamsSchema, search);
  const allowed = panelMeta(params.panel).groupings.map((option) => option.value);
  if (params.by !== undefined && !allowed.includes(params.by)) {
    const options = allowed.length ? `one of ${allowed.map((b) => `"${b}"`).join(", ")}` : "not accepted";
    throw new ApiProblem(400, "bad_parameter", `parameter "by" for panel "${params.panel}": ${options}`);
  }
  try {
    return resolvePanelQuery(params, context);
  } catch (error) {
    if (error instanceof QueryRangeError) throw new ApiProblem(400, "bad_parameter", error.message);
    throw error;
  }
}
