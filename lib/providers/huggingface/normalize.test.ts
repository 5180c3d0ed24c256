import { describe, expect, it } from "vitest";
import { parseExposition } from "@/lib/openmetrics/parse";
import { readFixture } from "@/test-support/testdata";
import { normalizeHuggingFace } from "./normalize";

const OM = "application/openmetrics-text; version=1.0.0; charset=utf-8";
const families = (text: string) => parseExposition(text, { contentType: OM }).families;
const A = "fqwg7eri-hskoj";
const B = "q9cv26ut-3vo4s";

describe("normalizeHuggingFace", () => {
  const samples = normalizeHuggingFace(families(readFixture("huggingface/open-metrics.txt")), 1_000);
  const values = (metric: string) =>
    samples.filter((s) => s.metric === metric).map((s) => ({ ...s.labels, value: s.value }));

  it("maps the http_requests counter (no _total) per replica and code", () => {
    expect(values("requests_total")).toEqual([
      { replica: A, code: "200", value: 1152 },
      { replica: B, code: "200", value: 1 },
    ]);
  });

  it("converts latency quantiles from seconds to ms, replica=all where no replica_id", () => {
    const latency = samples.filter((s) => s.metric === "latency_quantile_ms");
    expect(latency.map((s) => s.labels.quantile)).toEqual(["0.5", "0.9", "0.95", "0.99"]);
    expect(latency[0]?.labels.replica).toBe("all");
    expect(latency[3]?.value).toBeCloseTo(20.140918, 9);
  });

  it("maps the per-replica gauges and stamps them with the scrape time", () => {
    expect(values("cpu_percent")).toEqual([
      { replica: A, value: 37.5 },
      { replica: B, value: 4.25 },
    ]);
    expect(values("memory_percent")).toEqual([
      { replica: A, value: 61 },
      { replica: B, value: 22.5 },
    ]);
    expect(values("gpu_percent")).toEqual([
      { replica: A, gpu: "0", value: 88 },
      { replica: B, gpu: "0", value: 3 },
    ]);
    expect(values("vram_percent")).toEqual([
      { replica: A, gpu: "0", value: 74.2 },
      { replica: B, gpu: "0", value: 71.9 },
    ]);
    expect(values("pending_requests")).toEqual([
      { replica: A, value: 2 },
      { replica: B, value: 0 },
    ]);
    expect(samples.every((s) => s.timestampMs === 1_000)).toBe(true);
  });

  it("skips a NaN quantile (a gap) and accepts http_requests_total", () => {
    const text = [
      "# TYPE latency_distribution summary",
      'latency_distribution{quantile="0.5"} NaN',
      'latency_distribution{quantile="0.9"} 0.25',
      "# TYPE http_requests counter",
      'http_requests_total{replica_id="r1",status_code="503"} 7',
      "# EOF",
      "",
    ].join("\n");
    expect(normalizeHuggingFace(families(text), 5).map((s) => [s.metric, s.labels, s.value])).toEqual([
      ["latency_quantile_ms", { quantile: "0.9", replica: "all" }, 250],
      ["requests_total", { code: "503", replica: "r1" }, 7],
    ]);
  });
});
