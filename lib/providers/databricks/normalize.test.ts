import { describe, expect, it } from "vitest";
import { parseExposition } from "@/lib/openmetrics/parse";
import { readFixture } from "@/test-support/testdata";
import { normalizeDatabricks } from "./normalize";

const fixture = (name: string) => readFixture(`databricks/${name}`);
const families = (text: string) =>
  parseExposition(text, { contentType: "text/plain; version=0.0.4; charset=utf-8" }).families;
const TS = 1788718020000;

describe("normalizeDatabricks", () => {
  const samples = normalizeDatabricks(families(fixture("metrics-gpu.txt")), 1);
  const find = (metric: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

  it("maps the per-minute request gauges to requests_per_minute by class", () => {
    expect(find("requests_per_minute").map((s) => [s.labels.class, s.value])).toEqual([
      ["all", 1260],
      ["4xx", 12],
      ["5xx", 3],
    ]);
  });

  it("keeps the latency histogram buckets with canonical le labels", () => {
    const buckets = find("latency_bucket_ms");
    expect(buckets).toHaveLength(15);
    expect(buckets[0]).toEqual({
      metric: "latency_bucket_ms",
      labels: { le: "5", replica: "all" },
      value: 0,
      timestampMs: TS,
    });
    expect(find("latency_bucket_ms", { le: "+Inf" })[0]?.value).toBe(1260);
    expect(find("latency_bucket_ms", { le: "600000" })[0]?.value).toBe(1260);
  });

  it("maps resources, GPUs and provisioned concurrency with replica=all and the sample timestamps", () => {
    expect(find("cpu_percent")).toEqual([
      { metric: "cpu_percent", labels: { replica: "all" }, value: 2.344062231666667, timestampMs: TS },
    ]);
    expect(find("memory_percent")[0]?.value).toBe(6.823611259460449);
    expect(find("gpu_percent").map((s) => [s.labels.gpu, s.value])).toEqual([
      ["gpu0", 45.2],
      ["gpu1", 39.8],
    ]);
    expect(find("vram_percent").map((s) => [s.labels.gpu, s.value])).toEqual([
      ["gpu0", 71.5],
      ["gpu1", 70.9],
    ]);
    expect(find("provisioned_concurrency")[0]?.value).toBe(8);
    expect(samples.every((s) => s.labels.replica === "all" && s.timestampMs === TS)).toBe(true);
  });

  it("reads the gpu_mem_usage_percentage variant as VRAM too", () => {
    const text = '# TYPE gpu_mem_usage_percentage gauge\ngpu_mem_usage_percentage{gpu="gpu0"} 12.5\n';
    expect(normalizeDatabricks(families(text), 42)).toEqual([
      { metric: "vram_percent", labels: { gpu: "gpu0", replica: "all" }, value: 12.5, timestampMs: 42 },
    ]);
  });

  it("produces nothing for absent families (never zero) and zeros for an idle minute", () => {
    const idle = normalizeDatabricks(families(fixture("metrics-idle.txt")), 1);
    expect(new Set(idle.map((s) => s.metric))).toEqual(new Set(["requests_per_minute", "latency_bucket_ms"]));
    expect(idle.every((s) => s.value === 0)).toBe(true);
  });
});
