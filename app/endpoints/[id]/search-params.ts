import {
  PER_REPLICA_PANELS,
  panelMeta,
  ViewSchema,
  type GroupBy,
  type PanelId,
  type ViewId,
} from "@/lib/panels/catalog";
import { DEFAULT_MIN_SEVERITY, LOG_SEVERITIES, type LogSeverity } from "@/lib/model/log-severity";
import { parseTimeRange, serializeTimeRange, type TimeRange } from "@/lib/time/range";

/**
 * Everything the endpoint page shows is described by its URL, so a copied link reproduces the view.
 * Parsing is pure and shared by the server page and the client dashboard.
 */

export const REFRESH_INTERVALS = { off: false, "10s": 10_000, "30s": 30_000, "1m": 60_000, "5m": 300_000 } as const;
export type RefreshInterval = keyof typeof REFRESH_INTERVALS;

export interface DashboardParams {
  range: TimeRange;
  /** One replica's id, or null for all replicas. */
  replica: string | null;
  view: ViewId;
  /** Requests by status class or by individual code. */
  by: "class" | "code";
  /** Panels drawn per replica instead of as the average (or total). */
  details: PanelId[];
  refresh: RefreshInterval;
  /** Per panel, the one series the legend isolated. */
  solo: Record<string, string>;
  /** The logs panel: the lowest level shown and the text searched for. */
  severity: LogSeverity;
  q: string;
  /** The time of the log row picked, marked on every chart. */
  mark: number | null;
}

export const DEFAULT_PARAMS: DashboardParams = {
  range: { kind: "relative", durationMs: 6 * 3_600_000 },
  replica: null,
  view: "requests",
  by: "class",
  details: [],
  refresh: "30s",
  solo: {},
  severity: DEFAULT_MIN_SEVERITY,
  q: "",
  mark: null,
};

export interface ParsedDashboardParams {
  params: DashboardParams;
  /** What could not be read, in words; the defaults stand in for those parts. */
  errors: string[];
}

type SearchParamsRecord = Record<string, string | string[] | undefined>;

function toSearchParams(input: URLSearchParams | SearchParamsRecord): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

export function parseDashboardParams(input: URLSearchParams | SearchParamsRecord): ParsedDashboardParams {
  const search = toSearchParams(input);
  const errors: string[] = [];
  const params: DashboardParams = { ...DEFAULT_PARAMS, details: [], solo: {} };

  const range = parseTimeRange(search.get("from") ?? undefined, search.get("to") ?? undefined, DEFAULT_PARAMS.range);
  if (range.ok) params.range = range.range;
  else errors.push(`Time range: ${range.error}`);

  const replica = search.get("replica");
  if (replica && replica !== "all") params.replica = replica;

  const view = search.get("view");
  if (isOneOf(ViewSchema.options, view)) params.view = view;
  else if (view !== null) errors.push(`Unknown view "${view}"`);

  const by = search.get("by");
  if (by === "class" || by === "code") params.by = by;
  else if (by !== null) errors.push(`Unknown grouping "${by}"`);

  for (const panel of (search.get("details") ?? "").split(",").filter(Boolean)) {
    if (isOneOf(PER_REPLICA_PANELS, panel)) params.details.push(panel);
    else errors.push(`Unknown details panel "${panel}"`);
  }

  const refresh = search.get("refresh");
  if (refresh !== null && Object.hasOwn(REFRESH_INTERVALS, refresh)) params.refresh = refresh as RefreshInterval;
  else if (refresh !== null) errors.push(`Unknown refresh interval "${refresh}"`);

  const severity = search.get("severity");
  if (isOneOf(LOG_SEVERITIES, severity)) params.severity = severity;
  else if (severity !== null) errors.push(`Unknown log level "${severity}"`);
  params.q = search.get("q") ?? "";
  const mark = search.get("mark");
  if (mark !== null && /^\d{1,16}$/.test(mark)) params.mark = Number(mark);
  else if (mark !== null) errors.push(`The marked time "${mark}" is not milliseconds since the epoch`);

  for (const entry of search.getAll("solo")) {
    const at = entry.indexOf(":");
    if (at > 0 && at < entry.length - 1) params.solo[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return { params, errors };
}

/** The query string for `params`, leaving out what equals the default so links stay short. */
export function serializeDashboardParams(params: DashboardParams): string {
  const search = new URLSearchParams();
  const { from, to } = serializeTimeRange(params.range);
  search.set("from", from);
  search.set("to", to);
  if (params.replica) search.set("replica", params.replica);
  if (params.view !== DEFAULT_PARAMS.view) search.set("view", params.view);
  if (params.by !== DEFAULT_PARAMS.by) search.set("by", params.by);
  if (params.details.length) search.set("details", [...params.details].sort().join(","));
  if (params.refresh !== DEFAULT_PARAMS.refresh) search.set("refresh", params.refresh);
  for (const [panel, name] of Object.entries(params.solo).sort()) search.append("solo", `${panel}:${name}`);
  if (params.severity !== DEFAULT_PARAMS.severity) search.set("severity", params.severity);
  if (params.q) search.set("q", params.q);
  if (params.mark !== null) search.set("mark", String(params.mark));
  return search.toString();
}

/** How a panel is grouped: requests by `by`, a per-replica panel by whether `details` lists it. */
export function groupingOf(params: DashboardParams, panel: PanelId): GroupBy | undefined {
  const options = panelMeta(panel).groupings.map((option) => option.value);
  if (options.includes("code")) return params.by;
  if (options.includes("replica")) return params.details.includes(panel) ? "replica" : "avg";
  return undefined;
}

/** The change to `params` that draws `panel` grouped by `value`. */
export function withGrouping(params: DashboardParams, panel: PanelId, value: GroupBy): Partial<DashboardParams> {
  if (value === "class" || value === "code") return { by: value };
  const others = params.details.filter((p) => p !== panel);
  return { details: value === "replica" ? [...others, panel] : others };
}
