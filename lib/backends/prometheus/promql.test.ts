import { describe, expect, it } from "vitest";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { escapeRegex, promDuration, quoteLabelValue, type PanelPlan, type PlanQuery } from "./plan";
import { toPanelPlan } from "./promql";
import { makeEndpoint } from "@/test-support/endpoints";

function endpoint(provider: DiscoveredEndpoint["provider"], id: string, intervalS: number): DiscoveredEndpoint {
  return makeEndpoint(id, provider, {
    state: "READY",
    scaling: { minReplicas: 1, maxReplicas: 3 },
    scrape: { url: "https://example.com/metrics", intervalS },
  });
}

const hf = endpoint("huggingface", "hf.llama", 15);
const dbx = endpoint("databricks", "dbx.fraud", 60);
const HF = 'provider="huggingface",endpoint="hf.llama"';
const DBX = 'provider="databricks",endpoint="dbx.fraud"';

function exprs(plan: PanelPlan): string[] {
  return plan.kind === "queries" ? plan.queries.map((q) => q.expr) : [];
}

const plan = (target: DiscoveredEndpoint, query: Partial<PlanQuery> & Pick<PlanQuery, "panel">) =>
  toPanelPlan(target, { stepMs: 60_000, ...query });

describe("PromQL for Hugging Face", () => {
  it("requests by class: rate of the cumulative counter, status codes folded into classes", () => {
    expect(exprs(plan(hf, { panel: "requests" }))).toEqual([
      `sum by (class) (label_replace(label_replace(rate(http_requests{${HF}}[60s]), "class", "other", "", ""), "class", "\${1}xx", "status_code", "([1-5])([0-9][0-9]|xx)"))`,
    ]);
  });

  it("requests by code for one replica; the rate window is at least four scrapes", () => {
    const result = plan(hf, { panel: "requests", by: "code", replica: "r-1", stepMs: 15_000 });
    expect(exprs(result)).toEqual([`sum by (status_code) (rate(http_requests{${HF},replica_id=~"r-1|"}[60s]))`]);
    expect(result).toMatchObject({
      queries: [{ naming: { kind: "labels", from: [{ label: "status_code", as: "code" }] } }],
    });
  });

  it("latency: the summary's quantiles averaged over the window, seconds to ms, named p50…p99", () => {
    const result = plan(hf, { panel: "latency", stepMs: 30_000 });
    expect(exprs(result)).toEqual([
      String.raw`avg by (quantile) (avg_over_time(latency_distribution{${HF},quantile=~"0\\.5|0\\.9|0\\.95|0\\.99"}[29999ms])) * 1000`,
    ]);
    expect(result).toMatchObject({
      queries: [{ naming: { rename: { "0.5": "p50", "0.9": "p90", "0.95": "p95", "0.99": "p99" } } }],
    });
  });

  it("pending: summed, or per replica", () => {
    expect(exprs(plan(hf, { panel: "pending" }))).toEqual([`sum(avg_over_time(pending_requests{${HF}}[59999ms]))`]);
    expect(exprs(plan(hf, { panel: "pending", by: "replica" }))).toEqual([
      `sum by (replica_id) (avg_over_time(pending_requests{${HF}}[59999ms]))`,
    ]);
  });

  it("replicas: distinct replica ids reporting, plus the max-replicas constant", () => {
    const result = plan(hf, { panel: "replicas", stepMs: 120_000 });
    expect(exprs(result)).toEqual([
      `count(count by (replica_id) (count_over_time(http_requests{${HF}}[119999ms]) or count_over_time(cpu_usage_percent{${HF}}[119999ms])))`,
    ]);
    expect(result).toMatchObject({ constants: [{ name: "max", value: 3 }] });
  });

  it("resources: avg of the window's average or max, per replica on request, escaping the replica id", () => {
    expect(exprs(plan(hf, { panel: "cpu", agg: "max" }))).toEqual([
      `avg(max_over_time(cpu_usage_percent{${HF}}[59999ms]))`,
    ]);
    expect(exprs(plan(hf, { panel: "vram", by: "replica", replica: 'a"b.c' }))).toEqual([
      String.raw`avg by (replica_id, gpu) (avg_over_time(gpu_memory_usage_percent{${HF},replica_id=~"a\"b\\.c|"}[59999ms]))`,
    ]);
    expect(exprs(plan(hf, { panel: "memory" }))).toEqual([`avg(avg_over_time(memory_usage_percent{${HF}}[59999ms]))`]);
    expect(plan(hf, { panel: "gpu", by: "replica" })).toMatchObject({
      queries: [
        {
          expr: `avg by (replica_id, gpu) (avg_over_time(gpu_usage_percent{${HF}}[59999ms]))`,
          naming: {
            from: [
              { label: "replica_id", as: "replica" },
              { label: "gpu", as: "gpu" },
            ],
          },
        },
      ],
    });
    expect(exprs(plan(hf, { panel: "gpu" }))).toEqual([`avg(avg_over_time(gpu_usage_percent{${HF}}[59999ms]))`]);
  });

  it("concurrency is not reported", () => {
    expect(plan(hf, { panel: "concurrency" })).toEqual({ kind: "notReported", reason: "not reported by Hugging Face" });
  });
});

describe("PromQL for Databricks", () => {
  it("requests: per-minute gauges / 60, 2xx = total − 4xx − 5xx, replica ignored", () => {
    const result = plan(dbx, { panel: "requests", replica: "r-1" });
    const avg = (m: string) => `sum(avg_over_time(${m}{${DBX}}[59999ms]))`;
    expect(exprs(result)).toEqual([
      `clamp_min((${avg("request_count_total")} - (${avg("request_4xx_count_total")} or vector(0)) - (${avg("request_5xx_count_total")} or vector(0))) / 60, 0)`,
      `${avg("request_4xx_count_total")} / 60`,
      `${avg("request_5xx_count_total")} / 60`,
    ]);
    expect(result).toMatchObject({
      queries: [{ naming: { name: "2xx" } }, { naming: { name: "4xx" } }, { naming: { name: "5xx" } }],
    });
  });

  it("latency: histogram_quantile over the window's summed per-minute buckets", () => {
    expect(exprs(plan(dbx, { panel: "latency", stepMs: 300_000 }))).toEqual(
      ["0.5", "0.9", "0.95", "0.99"].map(
        (q) => `histogram_quantile(${q}, sum by (le) (sum_over_time(request_latency_ms_bucket{${DBX}}[299999ms])))`,
      ),
    );
  });

  it("resources: cpu and memory are one average; GPU and VRAM per GPU, VRAM under either name", () => {
    expect(exprs(plan(dbx, { panel: "cpu" }))).toEqual([`avg(avg_over_time(cpu_usage_percentage{${DBX}}[59999ms]))`]);
    expect(plan(dbx, { panel: "memory", by: "replica" })).toMatchObject({
      queries: [{ expr: `avg(avg_over_time(mem_usage_percentage{${DBX}}[59999ms]))`, naming: { name: "all" } }],
    });
    expect(plan(dbx, { panel: "gpu", by: "replica" })).toMatchObject({
      queries: [
        {
          expr: `avg by (gpu) (avg_over_time(gpu_usage_percentage{${DBX}}[59999ms]))`,
          naming: { from: [{ label: "gpu", as: "gpu" }], extra: { replica: "all" } },
        },
      ],
    });
    expect(exprs(plan(dbx, { panel: "vram" }))).toEqual([
      `avg(avg_over_time(gpu_memory_usage_percentage{${DBX}}[59999ms]) or avg_over_time(gpu_mem_usage_percentage{${DBX}}[59999ms]))`,
    ]);
  });

  it("concurrency is the provisioned gauge; pending and replicas are not reported", () => {
    expect(exprs(plan(dbx, { panel: "concurrency" }))).toEqual([
      `sum(avg_over_time(provisioned_concurrent_requests_total{${DBX}}[59999ms]))`,
    ]);
    expect(plan(dbx, { panel: "pending" })).toEqual({ kind: "notReported", reason: "not reported by Databricks" });
    expect(plan(dbx, { panel: "replicas" })).toMatchObject({
      queries: [],
      constants: [{ name: "max", value: 3 }],
      warnings: [],
    });
    const ready = { ...dbx, scaling: { ...dbx.scaling, readyReplicas: 2, maxReplicas: null } };
    expect(plan(ready, { panel: "replicas" })).toMatchObject({
      constants: [{ name: "running", value: 2 }],
      warnings: [expect.stringContaining("current state")],
    });
    const unknown = { ...dbx, scaling: { ...dbx.scaling, maxReplicas: null } };
    expect(plan(unknown, { panel: "replicas" })).toEqual({ kind: "notReported", reason: "not reported by Databricks" });
  });
});

describe("PromQL windows", () => {
  it("select (t − step, t]: one step less 1 ms, as Prometheus 2.x includes a sample stamped t − step", () => {
    // A Databricks minute stamped exactly t − step belongs to the window before, as in the embedded store.
    const ranges = (target: DiscoveredEndpoint, panel: PlanQuery["panel"]) =>
      exprs(plan(target, { panel })).flatMap((expr) =>
        [...expr.matchAll(/(\w+)\([^()]*\[(\w+)\]/g)].map((m) => `${m[1]}[${m[2]}]`),
      );
    for (const panel of ["requests", "latency", "cpu", "vram", "concurrency"] as const)
      for (const range of ranges(dbx, panel)) expect(range, panel).toMatch(/_over_time\[59999ms\]$/);
    expect(ranges(hf, "replicas")).toEqual(["count_over_time[59999ms]", "count_over_time[59999ms]"]);
    // A counter's rate is Prometheus' own window arithmetic (extrapolated), left at whole steps.
    expect(ranges(hf, "requests")).toEqual(["rate[60s]"]);
  });
});

describe("PromQL helpers", () => {
  it("formats durations in whole seconds or milliseconds", () => {
    expect(promDuration(60_000)).toBe("60s");
    expect(promDuration(1500)).toBe("1500ms");
  });

  it("escapes regex metacharacters", () => {
    expect(escapeRegex("a.b|c(d)*\\")).toBe(String.raw`a\.b\|c\(d\)\*\\`);
  });

  it("quotes label values", () => {
    expect(quoteLabelValue('a"b\\c\nd')).toBe(String.raw`"a\"b\\c\nd"`);
  });

  it("OpenMetrics targets have no mapping in Prometheus mode", () => {
    expect(plan(endpoint("openmetrics", "om.vllm", 15), { panel: "requests" })).toMatchObject({ kind: "notReported" });
  });
});
