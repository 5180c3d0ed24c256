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
});

const vllm = endpoint("openmetrics", "om.vllm", 15);
const OM = 'provider="openmetrics",endpoint="om.vllm"';

describe("PromQL for self-hosted servers", () => {
  it("tokens: each counter's rate under every server's name, summed; both series always answered", () => {
    const result = plan(vllm, { panel: "tokens", replica: "vllm-0" });
    const sel = `{${OM},replica_id=~"vllm-0|"}[60s])`;
    expect(exprs(result)).toEqual([
      `sum(rate(vllm:prompt_tokens_total${sel} or rate(ray_vllm:prompt_tokens_total${sel} or rate(prompt_tokens_total${sel} or rate(sglang:prompt_tokens_total${sel} or rate(tgi_request_input_length_sum${sel})`,
      `sum(rate(vllm:generation_tokens_total${sel} or rate(ray_vllm:generation_tokens_total${sel} or rate(generation_tokens_total${sel} or rate(sglang:generation_tokens_total${sel} or rate(tgi_request_generated_tokens_sum${sel})`,
    ]);
    expect(result).toMatchObject({ always: [{ name: "prompt" }, { name: "generation" }] });
  });

  it("requests: every server's counters labelled with the code they answered, then by class", () => {
    const [expr] = exprs(plan(vllm, { panel: "requests" }));
    expect(expr).toMatch(/^sum by \(class\) \(label_replace\(label_replace\(/);
    expect(expr).toContain(
      `label_replace(label_replace(rate(http_requests_total{${OM}}[60s]), "code", "$1", "status_code", "(.+)"), "code", "$1", "status", "(.+)")`,
    );
    expect(expr).toContain(
      `label_replace(label_replace(label_replace(rate(tgi_request_failure{${OM}}[60s]) or rate(tgi_request_failure_total{${OM}}[60s]), "code", "500", "", ""), "code", "422", "err", "validation"), "code", "429", "err", "overloaded")`,
    );
    expect(expr).toContain(`label_replace(rate(nv_inference_request_failure{${OM}}[60s]), "code", "500", "", "")`);
    expect(expr).toMatch(/"class", "\$\{1\}xx", "code", "\(\[1-5\]\)\(\[0-9\]\[0-9\]\|xx\)"\)\)$/);
    expect(exprs(plan(vllm, { panel: "requests", by: "code" }))[0]).toMatch(/^sum by \(code\) \(label_replace/);
  });

  it("ttft, itl, latency: bucket rates summed by le, answered as quantiles in ms; a renamed family's older name only where the newer is missing", () => {
    const ttft = plan(vllm, { panel: "ttft" });
    expect(ttft).toMatchObject({
      queries: [{ naming: { kind: "quantiles", leScale: 1000 } }],
      always: [{ name: "p50" }, { name: "p90" }, { name: "p95" }, { name: "p99" }],
    });
    expect(exprs(ttft)[0]).toMatch(/^sum by \(le\) \(rate\(vllm:time_to_first_token_seconds_bucket\{/);
    const newer = `rate(vllm:inter_token_latency_seconds_bucket{${OM}}[60s])`;
    expect(exprs(plan(vllm, { panel: "itl" }))[0]).toContain(
      `${newer} or (rate(vllm:time_per_output_token_seconds_bucket{${OM}}[60s]) unless on(replica_id) ${newer})`,
    );
    expect(exprs(plan(vllm, { panel: "latency" }))[0]).toContain(`rate(tgi_request_duration_bucket{${OM}}[60s])`);
  });

  it("pending: waiting and running summed, or per replica their sum", () => {
    expect(exprs(plan(vllm, { panel: "pending" })).map((e) => e.split(" or ")[0])).toEqual([
      `sum(avg_over_time(vllm:num_requests_waiting{${OM}}[59999ms])`,
      `sum(avg_over_time(vllm:num_requests_running{${OM}}[59999ms])`,
    ]);
    const perReplica = plan(vllm, { panel: "pending", by: "replica", agg: "max" });
    expect(exprs(perReplica)[0]).toMatch(
      /^sum by \(replica_id\) \(label_replace\(max_over_time\(vllm:num_requests_waiting.* "part", "waiting", "", ""\) or label_replace\(max_over_time\(vllm:num_requests_running.* "part", "running", "", ""\)\)$/,
    );
    expect(exprs(perReplica)[0]).toContain(
      `max_over_time(nv_trt_llm_request_metrics{${OM},request_type="waiting"}[59999ms]) or (max_over_time(nv_inference_pending_request_count{${OM}}[59999ms]) unless on(replica_id)`,
    );
    expect(perReplica).toMatchObject({ queries: [{ naming: { from: [{ label: "replica_id", as: "replica" }] } }] });
  });

  it("kv_cache: fractions as %, engines averaged within a replica, then the mean or one per replica", () => {
    const [avg] = exprs(plan(vllm, { panel: "kv_cache" }));
    expect(avg).toMatch(/^avg\(avg by \(replica_id, model\) \(\(avg_over_time\(vllm:kv_cache_usage_perc\{/);
    expect(avg).toMatch(/\) \* 100\)\)$/);
    expect(avg).toContain(
      `avg_over_time(nv_trt_llm_kv_cache_block_metrics{${OM},kv_cache_block_type="used"}[59999ms]) / ignoring(kv_cache_block_type) (avg_over_time(nv_trt_llm_kv_cache_block_metrics{${OM},kv_cache_block_type="max"}[59999ms]))`,
    );
    expect(exprs(plan(vllm, { panel: "kv_cache", by: "replica" }))[0]).toMatch(
      /^avg by \(replica_id\) \(avg by \(replica_id, model\) /,
    );
  });

  it("gpu, vram: the server's own figures per GPU, else the replica's DCGM exporter's", () => {
    const gpu = plan(vllm, { panel: "gpu", by: "replica" });
    const [expr] = exprs(gpu);
    expect(expr).toMatch(/^avg by \(replica_id, gpu\) \(\(label_replace\(avg_over_time\(nv_gpu_utilization\{/);
    expect(expr).toContain(`unless on(replica_id) (label_replace(avg_over_time(nv_gpu_utilization{${OM}}[59999ms])`);
    expect(expr).toContain(
      `label_join(avg_over_time(DCGM_FI_DEV_GPU_UTIL{${OM}}[59999ms]), "gpu_or_uuid", ";", "gpu", "UUID")`,
    );
    expect(gpu).toMatchObject({
      queries: [
        {
          naming: {
            from: [
              { label: "replica_id", as: "replica" },
              { label: "gpu", as: "gpu" },
            ],
          },
        },
      ],
    });
    const [vram] = exprs(plan(vllm, { panel: "vram", agg: "max" }));
    expect(vram).toMatch(/^avg\(avg by \(replica_id, gpu\) /);
    // A constant denominator (the GPU's memory) is a window mean whatever the reduction.
    expect(vram).toContain(
      `max_over_time(DCGM_FI_DEV_FB_USED{${OM}}[59999ms]) / (avg_over_time(DCGM_FI_DEV_FB_USED{${OM}}[59999ms]) + avg_over_time(DCGM_FI_DEV_FB_FREE{${OM}}[59999ms]))`,
    );
  });

  it("prefix_cache: 100 × hits ÷ lookups summed over replicas, else the hit-rate gauge", () => {
    const [expr] = exprs(plan(vllm, { panel: "prefix_cache" }));
    expect(expr).toMatch(
      /^\(100 \* sum\(rate\(vllm:prefix_cache_hits_total\{.*\) \/ sum\(rate\(vllm:prefix_cache_queries_total\{/,
    );
    expect(expr).toContain(
      `) or avg(avg by (replica_id) ((avg_over_time(vllm:gpu_prefix_cache_hit_rate{${OM}}[59999ms]) >= 0 or`,
    );
  });

  it("replicas: those with a target that answered in the window", () => {
    expect(exprs(plan(vllm, { panel: "replicas" }))).toEqual([
      `count(count by (replica_id) (max_over_time(up{${OM}}[59999ms]) == 1))`,
    ]);
  });

  it("a discovered endpoint selects its job's series, replicas by the label discovery found", () => {
    const discovered = { ...vllm, id: "prometheus.vllm", prometheusJob: { job: "vllm", replicaLabel: "pod" as const } };
    const result = plan(discovered, { panel: "kv_cache", by: "replica", replica: "vllm-0" });
    expect(exprs(result)[0]).toMatch(
      /^avg by \(pod\) \(avg by \(pod, model\) \(\(avg_over_time\(vllm:kv_cache_usage_perc\{job="vllm",pod=~"vllm-0\|"\}\[59999ms\]\)/,
    );
    expect(result).toMatchObject({
      queries: [{ naming: { from: [{ label: "pod", as: "replica" }] } }],
      anyMetric: expect.stringMatching(/,job="vllm"\}$/),
    });
  });

  it("CPU and memory are not reported, in the server's name", () => {
    const described = { ...vllm, model: { ...vllm.model, details: { server: "vLLM (V1 engine)" } } };
    expect(plan(described, { panel: "cpu" })).toEqual({
      kind: "notReported",
      reason: "not reported by vLLM (V1 engine)",
    });
    expect(plan(described, { panel: "concurrency" })).toMatchObject({ kind: "notReported" });
  });
});
