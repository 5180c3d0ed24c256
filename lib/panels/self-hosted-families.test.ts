import { describe, expect, it } from "vitest";
import { createPromContext } from "@/lib/backends/prometheus/plan";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { parseExposition } from "@/lib/openmetrics/parse";
import { normalizeOpenMetrics } from "@/lib/providers/openmetrics/normalize";
import { makeEndpoint } from "@/test-support/endpoints";
import { readCapture } from "@/test-support/testdata";
import { SELF_HOSTED, type Term } from "./self-hosted-families";

/**
 * The PromQL reads the families the normalizer maps: on every real capture, a canonical metric's
 * PromQL reads one of the capture's sample names exactly when the normalized capture holds that metric.
 */
const CAPTURES = [
  "dcgm/datadog-tesla-t4.txt",
  "nim/datadog-llama-3.1-8b.txt",
  "sglang/datadog-v0.5.10.txt",
  "tgi/datadog-payload-trimmed.txt",
  "triton/datadog-densenet-onnx.txt",
  "triton/trtllm-backend-readme.txt",
  "vllm/datadog-v0-opt-125m.txt",
  "vllm/datadog-v0-v1-mixed-opt-125m.txt",
  "vllm/docs-http-requests.txt",
];

const TERMS = Object.entries(SELF_HOSTED) as [CanonicalMetric, Term][];

function namesRead(term: Term): Set<string> {
  const used = new Set<string>();
  const ctx = createPromContext(
    makeEndpoint("om.server", "openmetrics"),
    { panel: "requests", stepMs: 60_000 },
    { matchers: [], replicaLabel: "replica_id" },
    used,
  );
  term(ctx, ctx.rateOver);
  return used;
}

describe.each(CAPTURES)("PromQL and the normalizer on %s", (capture) => {
  const families = parseExposition(readCapture(capture), { contentType: "text/plain; version=0.0.4" }).families;
  const sampleNames = new Set(families.flatMap((family) => family.samples.map((sample) => sample.name)));
  const held = new Set(normalizeOpenMetrics(families, 0).map((sample) => sample.metric));

  it.each(TERMS)("%s: read by PromQL exactly where the store holds it", (metric, term) => {
    const read = [...namesRead(term)].filter((name) => sampleNames.has(name));
    expect(read.length > 0, `PromQL reads ${read.join(", ") || "none of the capture's names"}`).toBe(held.has(metric));
  });
});

it("covers every metric a capture holds, CPU and memory aside (no self-hosted server reports them)", () => {
  const held = new Set(
    CAPTURES.flatMap((capture) =>
      normalizeOpenMetrics(
        parseExposition(readCapture(capture), { contentType: "text/plain; version=0.0.4" }).families,
        0,
      ).map((sample) => sample.metric),
    ),
  );
  expect([...held].filter((metric) => !(metric in SELF_HOSTED))).toEqual([]);
});
