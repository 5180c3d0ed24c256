import type { Panel } from "@/lib/api/schemas";
import { ALL_REPLICAS, type CanonicalMetric, type CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { QUANTILES as LATENCY_QUANTILES } from "@/lib/panels/quantiles";
import { statusClassOf as statusClass } from "@/lib/panels/status-class";
import type { PanelQuery } from "@/lib/query/types";

/**
 * How a panel series combines its members' window values (lib/query/README.md): "quantile" reads
 * cumulative buckets (rates by `le`), "ratio" 100 × Σ rate(hits) ÷ Σ rate(lookups).
 */
export type Reduce = "mean" | "sum" | "count" | "rate" | "quantile" | "ratio";

export interface PanelModel {
  reduce: Reduce;
  /** The panel series a served sample feeds (none, one, or every quantile of a histogram bucket). */
  seriesOf(sample: CanonicalSample): string[];
  /** Series both sides draw flat from discovery (max replicas; Databricks' ready count). */
  constants: string[];
}

const USAGE_METRICS: Partial<Record<Panel, CanonicalMetric>> = {
  cpu: "cpu_percent",
  memory: "memory_percent",
  gpu: "gpu_percent",
  vram: "vram_percent",
};

const QUANTILE_NAMES = new Map<string, string>(LATENCY_QUANTILES.map(({ name, q }) => [String(q), name]));

function perReplicaName({ labels }: CanonicalSample): string {
  if (labels.gpu === undefined) return labels.replica;
  return labels.replica === ALL_REPLICAS ? labels.gpu : `${labels.replica}/${labels.gpu}`;
}

/**
 * The panel semantics of lib/query/README.md as an oracle: which served series feed which panel
 * series, and how they combine. Written from the contract, not from either backend's code.
 */
export function panelModelOf(endpoint: DiscoveredEndpoint, query: PanelQuery): PanelModel {
  const byReplica = query.by === "replica";
  const wanted = (sample: CanonicalSample) =>
    query.replica === undefined || sample.labels.replica === query.replica || sample.labels.replica === ALL_REPLICAS;
  const model = (reduce: Reduce, metric: CanonicalMetric | null, name: (s: CanonicalSample) => string[]) => ({
    reduce,
    constants: [],
    seriesOf: (s: CanonicalSample) => (wanted(s) && (metric === null || s.metric === metric) ? name(s) : []),
  });
  const usage = USAGE_METRICS[query.panel];
  if (usage) return model("mean", usage, (s) => [byReplica ? perReplicaName(s) : "avg"]);
  const quantiles = () => LATENCY_QUANTILES.map((q) => q.name);
  const named = (names: Partial<Record<CanonicalMetric, string>>) => (s: CanonicalSample) => {
    const name = names[s.metric];
    return name === undefined ? [] : [name];
  };
  switch (query.panel) {
    case "ttft":
      return model("quantile", "ttft_bucket_cumulative_ms", quantiles);
    case "itl":
      return model("quantile", "itl_bucket_cumulative_ms", quantiles);
    case "tokens":
      return model("rate", null, named({ prompt_tokens_total: "prompt", generation_tokens_total: "generation" }));
    case "kv_cache":
      return model("mean", "kv_cache_percent", (s) => [byReplica ? s.labels.replica : "avg"]);
    case "prefix_cache":
      return model(
        "ratio",
        null,
        named({ prefix_cache_hits_total: "hit_rate", prefix_cache_queries_total: "hit_rate" }),
      );
  }
  if (endpoint.provider === "openmetrics") {
    if (query.panel === "latency") return model("quantile", "latency_bucket_cumulative_ms", quantiles);
    // The servers simulated report both gauges: waiting and running, or per replica their sum.
    if (query.panel === "pending")
      return model("sum", null, (s) =>
        s.metric === "requests_waiting" || s.metric === "requests_running"
          ? [byReplica ? s.labels.replica : s.metric === "requests_waiting" ? "waiting" : "running"]
          : [],
      );
  }
  switch (query.panel) {
    case "requests":
      if (endpoint.provider === "databricks")
        return model("mean", "requests_per_minute", (s) => [s.labels.class === "all" ? "2xx" : (s.labels.class ?? "")]);
      return model("rate", "requests_total", (s) => {
        const code = s.labels.code ?? "";
        return [query.by === "code" ? code : statusClass(code)];
      });
    case "latency":
      if (endpoint.provider === "databricks")
        return model("mean", "latency_bucket_ms", () => LATENCY_QUANTILES.map((q) => q.name));
      return model("mean", "latency_quantile_ms", (s) => [QUANTILE_NAMES.get(s.labels.quantile ?? "") ?? ""]);
    case "pending":
      return model("sum", "pending_requests", (s) => [byReplica ? s.labels.replica : "pending"]);
    case "concurrency":
      return model("sum", "provisioned_concurrency", () => ["provisioned"]);
    case "replicas": {
      const { maxReplicas, readyReplicas } = endpoint.scaling;
      const flatRunning = endpoint.provider === "databricks" && readyReplicas !== null;
      return {
        ...model("count", null, (s) => (s.labels.replica === ALL_REPLICAS || flatRunning ? [] : ["running"])),
        constants: [...(flatRunning ? ["running"] : []), ...(maxReplicas === null ? [] : ["max"])],
      };
    }
    default:
      return model("mean", null, () => []);
  }
}
