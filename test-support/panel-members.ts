import type { Panel } from "@/lib/api/schemas";
import { ALL_REPLICAS, type CanonicalMetric, type CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { QUANTILES as LATENCY_QUANTILES } from "@/lib/panels/quantiles";
import { statusClassOf as statusClass } from "@/lib/panels/status-class";
import type { PanelQuery } from "@/lib/query/types";

/** How a panel series combines its members' window values (lib/query/README.md). */
export type Reduce = "mean" | "sum" | "count" | "rate";

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
