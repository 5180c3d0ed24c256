import { describe, expect, it } from "vitest";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { parseExposition } from "@/lib/openmetrics/parse";
import { renderSelfMetrics, type SelfMetricsInput } from "./self-metrics";
import { makeEndpoint } from "@/test-support/endpoints";

function endpoint(id: string, provider: DiscoveredEndpoint["provider"], state: string): DiscoveredEndpoint {
  const asleep = state === "scaledToZero";
  return makeEndpoint(id, provider, {
    state,
    metrics: { available: !asleep, reason: asleep ? "scaled to zero" : null },
  });
}

const T = 1_788_718_020_000;
const sample = (
  metric: CanonicalSample["metric"],
  labels: CanonicalSample["labels"],
  value: number,
  timestampMs = T,
) => ({
  metric,
  labels,
  value,
  timestampMs,
});

const input: SelfMetricsInput = {
  endpoints: [
    endpoint("hf.llama", "huggingface", "running"),
    endpoint("dbx.fraud", "databricks", "READY"),
    endpoint("hf.idle", "huggingface", "scaledToZero"),
  ],
  lastScrapes: {
    "dbx.fraud": {
      at: T,
      ok: true,
      status: 200,
      error: null,
      durationMs: 250,
      warnings: ["dropped 5 of 10,005 series: at most 10,000 series per scrape (SERVESCOPE_MAX_SERIES_PER_SCRAPE)"],
    },
    "hf.llama": { at: T, ok: false, status: null, error: "timed out", durationMs: 10_000 },
  },
  lastSuccessAt: { "dbx.fraud": T, "hf.llama": T - 60_000 },
  latestSamples: {
    "dbx.fraud": [
      sample("requests_per_minute", { replica: "all", class: "all" }, 1260),
      sample("requests_per_minute", { replica: "all", class: "5xx" }, 3),
      // Buckets out of order, as a map may hold them; "le" in Databricks' own spelling.
      sample("latency_bucket_ms", { replica: "all", le: "+Inf" }, 1260),
      sample("latency_bucket_ms", { replica: "all", le: "50.0" }, 980),
      sample("latency_bucket_ms", { replica: "all", le: "5" }, 0),
      sample("cpu_percent", { replica: "all" }, 2.5, T - 60_000),
      sample("cpu_percent", { replica: "all" }, 2.75),
      sample("gpu_percent", { replica: "all", gpu: "gpu0" }, 45.2),
      sample("provisioned_concurrency", { replica: "all" }, 8),
    ],
    "hf.llama": [
      sample("requests_total", { replica: "r-1", code: "200" }, 1152),
      sample("requests_total", { replica: 'r-"2"', code: "503" }, 4),
      sample("latency_quantile_ms", { replica: "all", quantile: "0.5" }, 6.3),
      sample("latency_quantile_ms", { replica: "all", quantile: "0.99" }, Number.NaN),
      sample("pending_requests", { replica: "r-1" }, 2),
      // A histogram without +Inf cannot be written validly: left out.
      sample("latency_bucket_cumulative_ms", { replica: "r-1", le: "10" }, 1),
    ],
  },
  storeBytes: 4096,
  ingest: {
    pendingScrapes: 3,
    pendingSamples: 120,
    failingSince: T - 30_000,
    lastFlushAt: T - 31_000,
    lastFlushError: "database or disk is full (SQLITE_FULL)",
    droppedSamples: 40,
    droppedScrapes: 1,
    seriesLimitDroppedSamples: 5,
  },
};

describe("renderSelfMetrics", () => {
  const text = renderSelfMetrics(input);

  it("passes the strict OpenMetrics 1.0 parser", () => {
    const { families } = parseExposition(text, { strict: true });
    expect(families.map((f) => `${f.name}:${f.type}`)).toEqual([
      "servescope_endpoint:info",
      "servescope_endpoint_metrics_available:gauge",
      "servescope_scrape_ok:gauge",
      "servescope_scrape_duration_seconds:gauge",
      "servescope_scrape_http_status:gauge",
      "servescope_scrape_last_success_timestamp_seconds:gauge",
      "servescope_scrape_warnings:gauge",
      "servescope_store_write_failing:gauge",
      "servescope_store_pending_samples:gauge",
      "servescope_ingest_dropped_samples:counter",
      "servescope_store_size_bytes:gauge",
      "servescope_requests:counter",
      "servescope_requests_per_minute:gauge",
      "servescope_latency_milliseconds:summary",
      "servescope_minute_latency_milliseconds:gaugehistogram",
      "servescope_pending_requests:gauge",
      "servescope_cpu_percent:gauge",
      "servescope_gpu_percent:gauge",
      "servescope_provisioned_concurrency:gauge",
    ]);
    expect(families.find((f) => f.name === "servescope_cpu_percent")?.unit).toBe("percent");
  });

  it("exposes scrape health per endpoint", () => {
    expect(text).toContain(
      [
        "# TYPE servescope_scrape_ok gauge",
        "# HELP servescope_scrape_ok 1 when the endpoint's last scrape succeeded.",
        'servescope_scrape_ok{provider="databricks",endpoint="dbx.fraud"} 1',
        'servescope_scrape_ok{provider="huggingface",endpoint="hf.llama"} 0',
      ].join("\n"),
    );
    expect(text).toContain('servescope_scrape_duration_seconds{provider="huggingface",endpoint="hf.llama"} 10\n');
    expect(text).toContain('servescope_scrape_http_status{provider="databricks",endpoint="dbx.fraud"} 200\n');
    expect(text).not.toContain('servescope_scrape_http_status{provider="huggingface"');
    expect(text).toContain(
      'servescope_scrape_last_success_timestamp_seconds{provider="databricks",endpoint="dbx.fraud"} 1788718020\n',
    );
    expect(text).toContain(
      'servescope_endpoint_info{provider="huggingface",endpoint="hf.idle",source="hf",name="idle",state="scaledToZero"} 1\n',
    );
    expect(text).toContain("servescope_store_size_bytes 4096\n");
    expect(text).toContain('servescope_scrape_warnings{provider="databricks",endpoint="dbx.fraud"} 1\n');
    expect(text).toContain('servescope_scrape_warnings{provider="huggingface",endpoint="hf.llama"} 0\n');
  });

  it("says when the store refuses writes, what waits, and what was dropped", () => {
    expect(text).toContain("servescope_store_write_failing 1\n");
    expect(text).toContain("servescope_store_pending_samples 120\n");
    expect(text).toContain('servescope_ingest_dropped_samples_total{reason="series_limit"} 5\n');
    expect(text).toContain('servescope_ingest_dropped_samples_total{reason="store"} 40\n');
  });

  it("exposes the latest canonical series: counters with _total, escaped labels, newest sample wins", () => {
    expect(text).toContain(
      'servescope_requests_total{provider="huggingface",endpoint="hf.llama",replica="r-1",code="200"} 1152\n',
    );
    expect(text).toContain(
      'servescope_requests_total{provider="huggingface",endpoint="hf.llama",replica="r-\\"2\\"",code="503"} 4\n',
    );
    expect(text).toContain('servescope_cpu_percent{provider="databricks",endpoint="dbx.fraud",replica="all"} 2.75\n');
    expect(text).not.toContain("} 2.5\n");
  });

  it("writes per-minute buckets as a gauge histogram, ascending, and leaves out NaN quantiles and incomplete histograms", () => {
    expect(text).toContain(
      [
        "# TYPE servescope_minute_latency_milliseconds gaugehistogram",
        "# UNIT servescope_minute_latency_milliseconds milliseconds",
        "# HELP servescope_minute_latency_milliseconds Request latency during the last minute (not cumulative across minutes).",
        'servescope_minute_latency_milliseconds_bucket{provider="databricks",endpoint="dbx.fraud",replica="all",le="5.0"} 0',
        'servescope_minute_latency_milliseconds_bucket{provider="databricks",endpoint="dbx.fraud",replica="all",le="50.0"} 980',
        'servescope_minute_latency_milliseconds_bucket{provider="databricks",endpoint="dbx.fraud",replica="all",le="+Inf"} 1260',
      ].join("\n"),
    );
    expect(text).not.toContain('quantile="0.99"');
    expect(text).not.toContain("servescope_request_latency_milliseconds");
    expect(text.endsWith("# EOF\n")).toBe(true);
  });

  it("is just # EOF with nothing to say", () => {
    const empty = renderSelfMetrics({
      endpoints: [],
      lastScrapes: {},
      lastSuccessAt: {},
      latestSamples: {},
      storeBytes: null,
      ingest: null,
    });
    expect(empty).toBe("# EOF\n");
    expect(parseExposition(empty, { strict: true }).families).toEqual([]);
  });
});
