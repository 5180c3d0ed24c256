import type { Panel } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { notReportedReason } from "@/lib/query/platform";
import { CURRENT_STATE_WARNING } from "@/lib/query/replicas-panel";
import type { PanelQuery } from "@/lib/query/types";

/** How the series of one query get their names: one fixed name, or label values joined by "/". */
export type SeriesNaming =
  | { kind: "fixed"; name: string; labels: Record<string, string> }
  | {
      kind: "labels";
      /** Engine label → our API's label name (replica_id → replica, status_code → code). */
      from: { label: string; as: string }[];
      rename?: Record<string, string>;
      /** Constant labels every series of the query carries. */
      extra?: Record<string, string>;
    };

export interface PromQuery {
  expr: string;
  naming: SeriesNaming;
}

export interface FixedSeries {
  name: string;
  labels: Record<string, string>;
}

export type PanelPlan =
  | {
      kind: "queries";
      queries: PromQuery[];
      /** Flat series known without querying (max replicas). */
      constants: (FixedSeries & { value: number })[];
      /** Series answered even when the engine returns none for them (all gaps), as the embedded store does. */
      always: FixedSeries[];
      /** The engine's metric names the queries read: when none exists for the endpoint, the panel is not reported. */
      metrics: string[];
      warnings: string[];
    }
  | { kind: "notReported"; reason: string };

export type PlanQuery = Pick<PanelQuery, "panel" | "stepMs" | "replica" | "by" | "agg">;

/** PromQL string literal: the label values we select by come from configuration and the URL. */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** A literal string as an RE2 pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A PromQL duration: whole seconds when it can, else milliseconds. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}

const fixed = (name: string, labels: Record<string, string> = {}): SeriesNaming => ({ kind: "fixed", name, labels });
const byLabel = (label: string, as: string, rename?: Record<string, string>): SeriesNaming => ({
  kind: "labels",
  from: [{ label, as }],
  ...(rename ? { rename } : {}),
});
const queries = (
  list: PromQuery[],
  rest: Partial<Omit<Extract<PanelPlan, { kind: "queries" }>, "kind">> = {},
): PanelPlan => ({
  kind: "queries",
  queries: list,
  constants: [],
  always: [],
  warnings: [],
  metrics: [],
  ...rest,
});
const notReported = (reason: string): PanelPlan => ({ kind: "notReported", reason });

const QUANTILES = [
  { quantile: "0.5", name: "p50" },
  { quantile: "0.9", name: "p90" },
  { quantile: "0.95", name: "p95" },
  { quantile: "0.99", name: "p99" },
] as const;

const ALL_QUANTILES: FixedSeries[] = QUANTILES.map((q) => ({ name: q.name, labels: { quantile: q.quantile } }));

/** What every query of one panel shares: the series selector and the window each grid point covers. */
interface Context {
  endpoint: DiscoveredEndpoint;
  query: PlanQuery;
  /** Matchers for one metric: provider, endpoint, replica_id where asked, plus extras. */
  sel(metric: string, extra?: string): string;
  /** Every metric name `sel` was asked for. */
  used: Set<string>;
  /** The range each grid point's window selects: (t − step, t]. */
  window: string;
  /** Gauge window: (t − step, t], reduced by avg (default) or max. */
  overTime(metric: string, extra?: string): string;
  /** Counter window: at least four scrapes, so a rate survives one missed scrape. */
  rateWindow: string;
  byReplica: boolean;
}

function createContext(endpoint: DiscoveredEndpoint, query: PlanQuery, perReplica: boolean): Context {
  const matchers = [`provider=${quoteLabelValue(endpoint.provider)}`, `endpoint=${quoteLabelValue(endpoint.id)}`];
  // Series without replica_id (an aggregate, like Hugging Face's latency summary) stay, as in the embedded store.
  if (perReplica && query.replica !== undefined)
    matchers.push(`replica_id=~${quoteLabelValue(`${escapeRegex(query.replica)}|`)}`);
  const used = new Set<string>();
  const sel = (metric: string, extra?: string) => {
    used.add(metric);
    return `${metric}{${[...matchers, ...(extra ? [extra] : [])].join(",")}}`;
  };
  // Prometheus 2.x selects [t − range, t], both ends included: a step less 1 ms is (t − step, t] for
  // millisecond timestamps, so a sample stamped t − step (a Databricks minute) stays in the window before.
  const window = formatDuration(query.stepMs - 1);
  const reducer = query.agg === "max" ? "max_over_time" : "avg_over_time";
  const scrapeMs = (endpoint.scrape?.intervalS ?? 15) * 1000;
  return {
    endpoint,
    query,
    sel,
    used,
    window,
    overTime: (metric, extra) => `${reducer}(${sel(metric, extra)}[${window}])`,
    rateWindow: formatDuration(Math.max(query.stepMs, 4 * scrapeMs)),
    byReplica: query.by === "replica",
  };
}

function resourceQuery(ctx: Context, gauge: string, perGpu: boolean): PromQuery {
  if (!ctx.byReplica) return { expr: `avg(${gauge})`, naming: fixed("avg") };
  if (!perGpu) return { expr: `avg by (replica_id) (${gauge})`, naming: byLabel("replica_id", "replica") };
  const from = [
    { label: "replica_id", as: "replica" },
    { label: "gpu", as: "gpu" },
  ];
  return { expr: `avg by (replica_id, gpu) (${gauge})`, naming: { kind: "labels", from } };
}

const HF_RESOURCES: Partial<Record<Panel, string>> = {
  cpu: "cpu_usage_percent",
  memory: "memory_usage_percent",
  gpu: "gpu_usage_percent",
  vram: "gpu_memory_usage_percent",
};

function huggingFacePlan(ctx: Context): PanelPlan {
  const { panel } = ctx.query;
  const resource = HF_RESOURCES[panel];
  if (resource) return queries([resourceQuery(ctx, ctx.overTime(resource), panel === "gpu" || panel === "vram")]);
  switch (panel) {
    case "requests": {
      const rate = `rate(${ctx.sel("http_requests")}[${ctx.rateWindow}])`;
      return queries([
        ctx.query.by === "code"
          ? { expr: `sum by (status_code) (${rate})`, naming: byLabel("status_code", "code") }
          : {
              // Every code is "other" unless it reads as 1xx…5xx, then its class.
              expr: `sum by (class) (label_replace(label_replace(${rate}, "class", "other", "", ""), "class", "\${1}xx", "status_code", "([1-5])[0-9][0-9]"))`,
              naming: byLabel("class", "class"),
            },
      ]);
    }
    case "pending": {
      const gauge = ctx.overTime("pending_requests");
      return queries([
        ctx.byReplica
          ? { expr: `sum by (replica_id) (${gauge})`, naming: byLabel("replica_id", "replica") }
          : { expr: `sum(${gauge})`, naming: fixed("pending") },
      ]);
    }
    case "latency": {
      const wanted = `quantile=~"${QUANTILES.map((q) => q.quantile.replace(".", "\\\\.")).join("|")}"`;
      const rename = Object.fromEntries(QUANTILES.map((q) => [q.quantile, q.name]));
      const expr = `avg by (quantile) (${ctx.overTime("latency_distribution", wanted)}) * 1000`;
      return queries([{ expr, naming: byLabel("quantile", "quantile", rename) }], { always: ALL_QUANTILES });
    }
    case "replicas": {
      const reporting = ["http_requests", "cpu_usage_percent"].map(
        (m) => `count_over_time(${ctx.sel(m)}[${ctx.window}])`,
      );
      const max = ctx.endpoint.scaling.maxReplicas;
      return queries([{ expr: `count(count by (replica_id) (${reporting.join(" or ")}))`, naming: fixed("running") }], {
        constants: max === null ? [] : [{ name: "max", labels: {}, value: max }],
      });
    }
    default:
      return notReported(notReportedReason(ctx.endpoint));
  }
}

function databricksPlan(ctx: Context): PanelPlan {
  const { panel } = ctx.query;
  const perMinute = (metric: string) => `sum(${ctx.overTime(metric)})`;
  switch (panel) {
    case "requests": {
      // Per-minute gauges despite `_total`; only classes exist, so `by=code` answers with them too.
      const [total, c4xx, c5xx] = ["request_count_total", "request_4xx_count_total", "request_5xx_count_total"].map(
        perMinute,
      ) as [string, string, string];
      return queries([
        {
          expr: `clamp_min((${total} - (${c4xx} or vector(0)) - (${c5xx} or vector(0))) / 60, 0)`,
          naming: fixed("2xx", { class: "2xx" }),
        },
        { expr: `${c4xx} / 60`, naming: fixed("4xx", { class: "4xx" }) },
        { expr: `${c5xx} / 60`, naming: fixed("5xx", { class: "5xx" }) },
      ]);
    }
    case "latency": {
      // Buckets are per minute, not cumulative: summing them over the window is the window's histogram.
      const buckets = `sum by (le) (sum_over_time(${ctx.sel("request_latency_ms_bucket")}[${ctx.window}]))`;
      return queries(
        QUANTILES.map((q) => ({
          expr: `histogram_quantile(${q.quantile}, ${buckets})`,
          naming: fixed(q.name, { quantile: q.quantile }),
        })),
        { always: ALL_QUANTILES },
      );
    }
    case "cpu":
    case "memory": {
      const gauge = ctx.overTime(panel === "cpu" ? "cpu_usage_percentage" : "mem_usage_percentage");
      // Databricks reports only the average over replicas: per replica, that is the one "all" series.
      return queries([
        { expr: `avg(${gauge})`, naming: ctx.byReplica ? fixed("all", { replica: "all" }) : fixed("avg") },
      ]);
    }
    case "gpu":
    case "vram": {
      const gauge =
        panel === "gpu"
          ? ctx.overTime("gpu_usage_percentage")
          : `${ctx.overTime("gpu_memory_usage_percentage")} or ${ctx.overTime("gpu_mem_usage_percentage")}`;
      return queries([
        ctx.byReplica
          ? {
              expr: `avg by (gpu) (${gauge})`,
              naming: { kind: "labels", from: [{ label: "gpu", as: "gpu" }], extra: { replica: "all" } },
            }
          : { expr: `avg(${gauge})`, naming: fixed("avg") },
      ]);
    }
    case "concurrency":
      return queries([{ expr: perMinute("provisioned_concurrent_requests_total"), naming: fixed("provisioned") }]);
    case "replicas": {
      // No per-replica history: the current ready count drawn flat, as the embedded store does.
      const { readyReplicas, maxReplicas } = ctx.endpoint.scaling;
      const constants = [
        ...(readyReplicas === null ? [] : [{ name: "running", labels: {}, value: readyReplicas }]),
        ...(maxReplicas === null ? [] : [{ name: "max", labels: {}, value: maxReplicas }]),
      ];
      if (constants.length === 0) return notReported(notReportedReason(ctx.endpoint));
      return queries([], { constants, warnings: readyReplicas === null ? [] : [CURRENT_STATE_WARNING] });
    }
    default:
      return notReported(notReportedReason(ctx.endpoint));
  }
}

/** The PromQL for one panel of one endpoint, selecting by the labels the generated prometheus.yml sets. */
export function toPanelPlan(endpoint: DiscoveredEndpoint, query: PlanQuery): PanelPlan {
  if (endpoint.provider === "openmetrics")
    return notReported("not mapped for OpenMetrics targets with a Prometheus backend");
  // Databricks reports no replica ids: `replica` cannot narrow anything, as in the embedded store.
  const ctx = createContext(endpoint, query, endpoint.provider === "huggingface");
  const plan = endpoint.provider === "huggingface" ? huggingFacePlan(ctx) : databricksPlan(ctx);
  return plan.kind === "queries" ? { ...plan, metrics: [...ctx.used].sort() } : plan;
}

/** A selector matching any of the metrics of a plan for the endpoint (for an existence check). */
export function anyMetricSelector(endpoint: DiscoveredEndpoint, metrics: readonly string[]): string {
  const names = metrics.map(escapeRegex).join("|");
  return `{__name__=~${quoteLabelValue(names)},provider=${quoteLabelValue(endpoint.provider)},endpoint=${quoteLabelValue(endpoint.id)}}`;
}
