import { describe, expect, it } from "vitest";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";
import { canonicalLe, mapAndFold, type RuleSet } from "./map-samples";

const sample = (
  name: string,
  labels: Record<string, string>,
  value: number,
  timestampMs: number | null = null,
): Sample => ({
  name,
  labels,
  value,
  timestampMs,
});
const family = (samples: Sample[]): MetricFamily => ({ name: "f", type: "untyped", unit: null, help: null, samples });
const context = { scrapedAtMs: 1000, replicaOf: () => "r1" };

describe("mapAndFold", () => {
  it("keeps one whole histogram of a renamed family, never a mix of both bucket sets", () => {
    const rules: RuleSet = {
      samples: {
        old_bucket: { metric: "itl_bucket_cumulative_ms", labels: (s) => ({ le: s.labels.le ?? "" }) },
        new_bucket: { metric: "itl_bucket_cumulative_ms", labels: (s) => ({ le: s.labels.le ?? "" }), rank: 1 },
      },
    };
    const families = [
      family([sample("old_bucket", { le: "5" }, 1), sample("old_bucket", { le: "+Inf" }, 2)]),
      family([sample("new_bucket", { le: "10" }, 3), sample("new_bucket", { le: "+Inf" }, 4)]),
    ];
    expect(mapAndFold(families, rules, context).map((s) => [s.labels.le, s.value])).toEqual([
      ["10", 3],
      ["+Inf", 4],
    ]);
  });

  it("sums counts and averages fractions landing on one series, at the latest timestamp", () => {
    const rules: RuleSet = {
      samples: { running: { metric: "requests_running" }, kv: { metric: "kv_cache_percent", scale: 100 } },
    };
    const families = [
      family([sample("running", { engine: "0" }, 2, 1500), sample("running", { engine: "1" }, 3, 1700)]),
      family([sample("kv", { engine: "0" }, 0.1), sample("kv", { engine: "1" }, 0.5), sample("kv", {}, Number.NaN)]),
    ];
    expect(mapAndFold(families, rules, context)).toEqual([
      { metric: "requests_running", labels: { replica: "r1" }, value: 5, timestampMs: 1700 },
      { metric: "kv_cache_percent", labels: { replica: "r1" }, value: 30, timestampMs: 1000 },
    ]);
  });

  it("pairs a ratio's terms by their other labels and skips an unpaired or empty denominator", () => {
    const rules: RuleSet = {
      samples: {},
      ratios: [
        {
          metric: "vram_percent",
          numerator: { name: "used" },
          denominator: [{ name: "used" }, { name: "free" }],
          labels: (s) => ({ gpu: s.labels.gpu ?? "" }),
          scale: 100,
        },
      ],
    };
    const families = [
      family([sample("used", { gpu: "0" }, 1), sample("used", { gpu: "1" }, 0), sample("used", { gpu: "2" }, 5)]),
      family([sample("free", { gpu: "0" }, 3), sample("free", { gpu: "1" }, 0)]),
    ];
    expect(mapAndFold(families, rules, context).map((s) => [s.labels.gpu, s.value])).toEqual([["0", 25]]);
  });
});

describe("canonicalLe", () => {
  it("keeps float noise out of converted bounds", () => {
    expect(canonicalLe("0.00015000000000000001", 1000)).toBe("0.15");
    expect(canonicalLe("0.07", 1000)).toBe("70");
    expect(canonicalLe("+Inf", 1000)).toBe("+Inf");
    expect(canonicalLe("0x10")).toBeNull();
  });
});
