import type { EndpointSummary } from "@/lib/api/schemas";
import { compareNatural } from "@/lib/model/natural-order";
import { getStateTone } from "@/components/ui/state-tone";

export const SORT_KEYS = [
  "health",
  "name",
  "provider",
  "state",
  "requestRate",
  "errorRate",
  "p99",
  "cpu",
  "ttft",
  "tokens",
  "lastScrape",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

export interface FleetFilter {
  provider: string | null;
  state: string | null;
  text: string;
}

/** Above this share of 5xx an endpoint counts as failing. */
export const ERROR_RATE_ALERT = 0.01;

/**
 * How urgently an endpoint needs a look: 3 failing (errors, failed scrape, failed state),
 * 2 not ready, 1 healthy, 0 idle or without metrics.
 */
export function getHealthRank(endpoint: EndpointSummary): number {
  const tone = getStateTone(endpoint.state);
  const errorRate = endpoint.headline.errorRate ?? 0;
  if (tone === "bad" || endpoint.lastScrape?.ok === false || errorRate >= ERROR_RATE_ALERT) return 3;
  if (tone === "warn") return 2;
  if (tone === "idle" || !endpoint.metrics.available) return 0;
  return 1;
}

type Value = number | string | null;

const VALUE_OF: Record<SortKey, (e: EndpointSummary) => Value> = {
  health: getHealthRank,
  name: (e) => e.name.toLowerCase(),
  provider: (e) => e.provider,
  state: (e) => e.state.toLowerCase(),
  requestRate: (e) => e.headline.requestRate,
  errorRate: (e) => e.headline.errorRate,
  p99: (e) => e.headline.p99Ms,
  cpu: (e) => e.headline.cpuPct,
  ttft: (e) => e.headline.ttftP95Ms,
  tokens: (e) => e.headline.tokenRate,
  lastScrape: (e) => e.lastScrape?.at ?? null,
};

/** Columns only LLM servers fill: shown when one endpoint of the fleet has a figure for them. */
export const LLM_SORT_KEYS: readonly SortKey[] = ["ttft", "tokens"];

export function hasLlmFigures(endpoints: readonly EndpointSummary[]): boolean {
  return endpoints.some((e) => LLM_SORT_KEYS.some((key) => VALUE_OF[key](e) !== null));
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareNatural(String(a), String(b));
}

/** Sorted copy; endpoints with no value for the column go last in either direction. */
export function sortEndpoints<T extends EndpointSummary>(
  endpoints: readonly T[],
  key: SortKey,
  direction: SortDirection,
): T[] {
  const valueOf = VALUE_OF[key];
  const sign = direction === "asc" ? 1 : -1;
  return endpoints.toSorted((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va === null || vb === null) return va === vb ? tieBreak(a, b) : va === null ? 1 : -1;
    return sign * compareValues(va, vb) || tieBreak(a, b);
  });
}

/** Worst error rate first, then by name, so equal ranks keep a useful order. */
function tieBreak(a: EndpointSummary, b: EndpointSummary): number {
  return (b.headline.errorRate ?? -1) - (a.headline.errorRate ?? -1) || compareNatural(a.name, b.name);
}

export function filterEndpoints<T extends EndpointSummary>(endpoints: readonly T[], filter: FleetFilter): T[] {
  const text = filter.text.trim().toLowerCase();
  return endpoints.filter(
    (e) =>
      (filter.provider === null || e.provider === filter.provider) &&
      (filter.state === null || e.state === filter.state) &&
      (text === "" || [e.name, e.id, e.source, e.model.name ?? ""].some((field) => field.toLowerCase().includes(text))),
  );
}

export interface FleetParams extends FleetFilter {
  sort: SortKey;
  direction: SortDirection;
}

export const DEFAULT_FLEET_PARAMS: FleetParams = {
  sort: "health",
  direction: "desc",
  provider: null,
  state: null,
  text: "",
};

export function parseFleetParams(search: URLSearchParams): FleetParams {
  const sort = search.get("sort");
  const direction = search.get("dir");
  return {
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : DEFAULT_FLEET_PARAMS.sort,
    direction: direction === "asc" || direction === "desc" ? direction : DEFAULT_FLEET_PARAMS.direction,
    provider: search.get("provider") || null,
    state: search.get("state") || null,
    text: search.get("q") ?? "",
  };
}

export function serializeFleetParams(params: FleetParams): string {
  const search = new URLSearchParams();
  if (params.sort !== DEFAULT_FLEET_PARAMS.sort || params.direction !== DEFAULT_FLEET_PARAMS.direction) {
    search.set("sort", params.sort);
    search.set("dir", params.direction);
  }
  if (params.provider) search.set("provider", params.provider);
  if (params.state) search.set("state", params.state);
  if (params.text) search.set("q", params.text);
  return search.toString();
}
