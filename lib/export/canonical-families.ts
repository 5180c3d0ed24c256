import { CanonicalMetricSchema, type CanonicalMetric, type CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import {
  formatLe,
  isLabelName,
  type OpenMetricsFamily,
  type OpenMetricsSample,
  type OpenMetricsType,
} from "./openmetrics-text";

interface FamilySpec {
  name: string;
  type: OpenMetricsType;
  unit?: string;
  help: string;
}

/** How each canonical series is exposed: `servescope_*`, with its OpenMetrics type and unit. */
const FAMILIES: Record<CanonicalMetric, FamilySpec> = {
  requests_total: { name: "servescope_requests", type: "counter", help: "Requests answered, by status code." },
  requests_per_minute: {
    name: "servescope_requests_per_minute",
    type: "gauge",
    help: "Requests during the last minute, by class (all, 4xx, 5xx), as Databricks reports them.",
  },
  latency_quantile_ms: {
    name: "servescope_latency_milliseconds",
    type: "summary",
    unit: "milliseconds",
    help: "Request latency quantiles as the platform precomputes them.",
  },
  latency_bucket_ms: {
    name: "servescope_minute_latency_milliseconds",
    type: "gaugehistogram",
    unit: "milliseconds",
    help: "Request latency during the last minute (not cumulative across minutes).",
  },
  latency_bucket_cumulative_ms: {
    name: "servescope_request_latency_milliseconds",
    type: "histogram",
    unit: "milliseconds",
    help: "Request latency, cumulative.",
  },
  pending_requests: {
    name: "servescope_pending_requests",
    type: "gauge",
    help: "Requests received and not yet answered.",
  },
  cpu_percent: { name: "servescope_cpu_percent", type: "gauge", unit: "percent", help: "CPU utilisation." },
  memory_percent: { name: "servescope_memory_percent", type: "gauge", unit: "percent", help: "Memory utilisation." },
  gpu_percent: { name: "servescope_gpu_percent", type: "gauge", unit: "percent", help: "GPU utilisation, per GPU." },
  vram_percent: {
    name: "servescope_vram_percent",
    type: "gauge",
    unit: "percent",
    help: "GPU memory utilisation, per GPU.",
  },
  provisioned_concurrency: {
    name: "servescope_provisioned_concurrency",
    type: "gauge",
    help: "Provisioned concurrency during the last minute.",
  },
  ttft_bucket_cumulative_ms: {
    name: "servescope_time_to_first_token_milliseconds",
    type: "histogram",
    unit: "milliseconds",
    help: "Time to first token, cumulative.",
  },
  itl_bucket_cumulative_ms: {
    name: "servescope_inter_token_latency_milliseconds",
    type: "histogram",
    unit: "milliseconds",
    help: "Inter-token latency, cumulative.",
  },
  prompt_tokens_total: { name: "servescope_prompt_tokens", type: "counter", help: "Prompt tokens processed." },
  generation_tokens_total: { name: "servescope_generation_tokens", type: "counter", help: "Tokens generated." },
  requests_waiting: { name: "servescope_requests_waiting", type: "gauge", help: "Requests queued, not yet scheduled." },
  requests_running: { name: "servescope_requests_running", type: "gauge", help: "Requests in the running batch." },
  kv_cache_percent: { name: "servescope_kv_cache_percent", type: "gauge", unit: "percent", help: "KV-cache use." },
  prefix_cache_hits_total: {
    name: "servescope_prefix_cache_hits",
    type: "counter",
    help: "Prompt tokens found in the prefix cache.",
  },
  prefix_cache_queries_total: {
    name: "servescope_prefix_cache_queries",
    type: "counter",
    help: "Prompt tokens looked up in the prefix cache.",
  },
  prefix_cache_hit_percent: {
    name: "servescope_prefix_cache_hit_percent",
    type: "gauge",
    unit: "percent",
    help: "Prefix-cache hit rate, as the server reports it.",
  },
};

interface Labelled {
  labels: Record<string, string>;
  value: number;
}

function parseLe(text: string): number | null {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : null;
}

const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels));

/**
 * Buckets grouped by their labels but `le`, each group ascending. A group without a +Inf bucket
 * or with decreasing counts cannot be written as a valid OpenMetrics histogram: it is left out.
 */
function toBuckets(samples: Labelled[]): OpenMetricsSample[] {
  const groups = new Map<string, { le: number; sample: Labelled }[]>();
  for (const sample of samples) {
    const le = parseLe(sample.labels.le ?? "");
    if (le === null || Number.isNaN(sample.value)) continue;
    const { le: _le, ...rest } = sample.labels;
    const key = keyOf(rest);
    groups.set(key, [...(groups.get(key) ?? []), { le, sample: { labels: rest, value: sample.value } }]);
  }
  return [...groups.values()].flatMap((group) => {
    group.sort((a, b) => a.le - b.le);
    const complete = group.at(-1)?.le === Number.POSITIVE_INFINITY;
    const monotonic = group.every((b, i) => i === 0 || b.sample.value >= (group[i - 1]?.sample.value ?? 0));
    if (!complete || !monotonic) return [];
    return group.map(({ le, sample }) => ({
      suffix: "_bucket",
      labels: { ...sample.labels, le: formatLe(le) },
      value: sample.value,
    }));
  });
}

function toSamples(spec: FamilySpec, samples: Labelled[]): OpenMetricsSample[] {
  switch (spec.type) {
    case "counter":
      return samples.filter((s) => Number.isFinite(s.value) && s.value >= 0).map((s) => ({ suffix: "_total", ...s }));
    case "summary":
      return samples
        .filter((s) => s.labels.quantile !== undefined && Number.isFinite(s.value) && s.value >= 0)
        .map((s) => ({ suffix: "", ...s }));
    case "histogram":
    case "gaugehistogram":
      return toBuckets(samples);
    default:
      return samples.map((s) => ({ suffix: "", ...s }));
  }
}

/** The latest sample of each series, labelled provider, endpoint and its own (valid) labels. */
function latestLabelled(endpoints: DiscoveredEndpoint[], latest: Record<string, CanonicalSample[]>) {
  const byMetric = new Map<CanonicalMetric, Map<string, Labelled & { timestampMs: number }>>();
  for (const endpoint of [...endpoints].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const sample of latest[endpoint.id] ?? []) {
      const own = Object.entries(sample.labels)
        .filter(([name]) => isLabelName(name) && name !== "provider" && name !== "endpoint")
        .sort(([a], [b]) => (a === "replica" ? -1 : b === "replica" ? 1 : a.localeCompare(b)));
      const labels = { provider: endpoint.provider, endpoint: endpoint.id, ...Object.fromEntries(own) };
      const series = byMetric.get(sample.metric) ?? new Map();
      byMetric.set(sample.metric, series);
      const key = keyOf(labels);
      const seen = series.get(key);
      if (!seen || seen.timestampMs <= sample.timestampMs) {
        series.set(key, { labels, value: sample.value, timestampMs: sample.timestampMs });
      }
    }
  }
  return byMetric;
}

/** Every endpoint's latest canonical series as OpenMetrics families, in the canonical model's order. */
export function toCanonicalFamilies(
  endpoints: DiscoveredEndpoint[],
  latest: Record<string, CanonicalSample[]>,
): OpenMetricsFamily[] {
  const byMetric = latestLabelled(endpoints, latest);
  return CanonicalMetricSchema.options.map((metric) => {
    const spec = FAMILIES[metric];
    const samples = [...(byMetric.get(metric)?.values() ?? [])].map(({ labels, value }) => ({ labels, value }));
    return { ...spec, samples: toSamples(spec, samples) };
  });
}
