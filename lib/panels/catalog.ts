import { z } from "zod";
import type { Provider } from "@/lib/model/endpoint";
import { paletteColor, statusColor } from "./palette";
import { QUANTILE_BAND, QUANTILE_COLORS } from "./quantiles";
import { statusClassOf } from "./status-class";

/**
 * The panel registry's browser-safe half: what every panel is called, its unit, its groupings,
 * its series' colours and the view that shows it. The API's enum, the route's validation, the
 * views and the legend colours are derived from it; each panel's two query plans (embedded store
 * and PromQL) are registered under the same id in `./plans.ts`, which the compiler keeps complete.
 */

export const GroupBySchema = z.enum(["class", "code", "avg", "replica"]);
export type GroupBy = z.infer<typeof GroupBySchema>;

export const ViewSchema = z.enum(["requests", "hardware", "timeline", "llm"]);
export type ViewId = z.infer<typeof ViewSchema>;

export interface ViewMeta {
  label: string;
  /** Charts per row on a wide screen. */
  columns: 1 | 2;
  /** Offered only to endpoints that report one of the view's own panels (those no other view shows). */
  optional?: boolean;
}

export const VIEWS: Record<ViewId, ViewMeta> = {
  requests: { label: "Requests", columns: 2 },
  hardware: { label: "Hardware", columns: 2 },
  timeline: { label: "Timeline", columns: 1 },
  llm: { label: "LLM", columns: 2, optional: true },
};

export interface GroupingOption {
  value: GroupBy;
  label: string;
}

export interface PanelMeta {
  title: string;
  unit: string;
  /** The views that show it, in the order panels are listed here. */
  views: readonly ViewId[];
  /** Values of `by`, the first being the default; empty when the panel has one shape. */
  groupings: readonly GroupingOption[];
  /** The colour of a series by name. */
  colorOf: (name: string) => string;
  /** A shaded band between two series (the quantile spread). */
  band?: { low: string; high: string; color: string };
  /** Drawn as steps: counts that change at instants. */
  stepped?: boolean;
  /** Drawn as stacked areas: the series are parts of one whole (waiting + running, replicas' shares). */
  stacked?: boolean;
  /** Shown only for these providers: the others never report it. */
  providers?: readonly Provider[];
  /** How an open-ended grouping (codes, replicas) is folded when an answer has too many series. */
  fold?: PanelFold;
  /** Servers (as detected, `model.details.server`) known to export nothing for it: their reason says so. */
  notExportedBy?: readonly string[];
}

export interface PanelFold {
  /** Sum (rates, counts) or mean (percentages) of the series folded together. */
  combine: "sum" | "mean";
  /** The series a folded one goes into. */
  into: (name: string) => string;
}

/** The series the rest of an answer is folded into. */
export const OTHER_SERIES = "other";
const intoOther = () => OTHER_SERIES;

const BY_CLASS_OR_CODE = [
  { value: "class", label: "Classes" },
  { value: "code", label: "Codes" },
] as const satisfies readonly GroupingOption[];
const AVG_OR_REPLICA = [
  { value: "avg", label: "Average" },
  { value: "replica", label: "Per replica" },
] as const satisfies readonly GroupingOption[];
const TOTAL_OR_REPLICA = [
  { value: "avg", label: "Total" },
  { value: "replica", label: "Per replica" },
] as const satisfies readonly GroupingOption[];

/** Named series in fixed colours; any other name (a replica, a GPU) in a palette colour of its own. */
function named(colors: Record<string, string>): (name: string) => string {
  return (name) => colors[name] ?? paletteColor(name);
}

const usage = (title: string, views: readonly ViewId[] = ["hardware"]): PanelMeta => ({
  title,
  unit: "%",
  views,
  groupings: AVG_OR_REPLICA,
  colorOf: named({ avg: "#6366f1" }),
  fold: { combine: "mean", into: intoOther },
});

const quantiles = (title: string, views: readonly ViewId[]): PanelMeta => ({
  title,
  unit: "ms",
  views,
  groupings: [],
  colorOf: named(QUANTILE_COLORS),
  band: QUANTILE_BAND,
});

export const PANEL_CATALOG = {
  requests: {
    title: "Requests",
    unit: "req/s",
    views: ["requests"],
    groupings: BY_CLASS_OR_CODE,
    colorOf: statusColor,
    // Codes past the cap go into their class, so the shares per class stay right.
    fold: { combine: "sum", into: statusClassOf },
  },
  latency: quantiles("Latency", ["requests"]),
  ttft: { ...quantiles("Time to first token", ["llm"]), notExportedBy: ["TGI"] },
  itl: quantiles("Inter-token latency", ["llm"]),
  tokens: {
    title: "Tokens",
    unit: "tok/s",
    views: ["llm"],
    groupings: [],
    colorOf: named({ prompt: "#0ea5e9", generation: "#16a34a" }),
  },
  pending: {
    title: "Pending requests",
    unit: "requests",
    views: ["requests", "llm"],
    groupings: TOTAL_OR_REPLICA,
    colorOf: named({ pending: "#a855f7", waiting: "#f59e0b", running: "#0ea5e9" }),
    stacked: true,
    fold: { combine: "sum", into: intoOther },
  },
  concurrency: {
    title: "Provisioned concurrency",
    unit: "requests",
    views: ["requests"],
    groupings: [],
    colorOf: named({ provisioned: "#0d9488" }),
    stepped: true,
    providers: ["databricks"],
  },
  replicas: {
    title: "Running replicas",
    unit: "replicas",
    views: ["timeline"],
    groupings: [],
    colorOf: named({ running: "#16a34a", max: "#dc2626" }),
    stepped: true,
  },
  cpu: usage("CPU"),
  memory: usage("Memory"),
  gpu: usage("GPU"),
  vram: usage("VRAM"),
  kv_cache: usage("KV cache", ["llm"]),
  prefix_cache: {
    title: "Prefix-cache hit rate",
    unit: "%",
    views: ["llm"],
    groupings: [],
    colorOf: named({ hit_rate: "#14b8a6" }),
  },
} as const satisfies Record<string, PanelMeta>;

export type PanelId = keyof typeof PANEL_CATALOG;
export const PANEL_IDS = Object.keys(PANEL_CATALOG) as [PanelId, ...PanelId[]];
export const PanelSchema = z.enum(PANEL_IDS);

export function panelMeta(panel: PanelId): PanelMeta {
  return PANEL_CATALOG[panel];
}

/** The panels a view shows for an endpoint of this provider, in catalog order. */
export function panelsOfView(view: ViewId, provider: Provider | undefined): PanelId[] {
  return PANEL_IDS.filter((id) => {
    const meta: PanelMeta = PANEL_CATALOG[id];
    return (
      meta.views.includes(view) && (!meta.providers || (provider !== undefined && meta.providers.includes(provider)))
    );
  });
}

/**
 * The views to offer an endpoint: every view that is not optional, and an optional one when
 * `reports` says the endpoint has one of its own panels.
 */
export function offeredViews(reports: (panel: PanelId) => boolean): ViewId[] {
  const ownPanels = (view: ViewId) =>
    PANEL_IDS.filter((id) => {
      const views: readonly ViewId[] = PANEL_CATALOG[id].views;
      return views.includes(view) && views.every((v) => VIEWS[v].optional);
    });
  return ViewSchema.options.filter((view) => !VIEWS[view].optional || ownPanels(view).some(reports));
}

/** Panels that can be drawn per replica (the dashboard's "details" toggles). */
export const PER_REPLICA_PANELS = PANEL_IDS.filter((id) =>
  panelMeta(id).groupings.some((option) => option.value === "replica"),
);
