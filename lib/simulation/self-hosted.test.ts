import { describe, expect, it } from "vitest";
import { parseExposition } from "@/lib/openmetrics/parse";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";
import { detectServer } from "@/lib/providers/openmetrics/detect";
import { renderDcgmMetrics } from "./dcgm-metrics";
import { findSelfHostedReplica, findSelfHostedServer } from "./llm-catalog";
import { processStartMs } from "./llm-requests";
import { PLATEAU_MS } from "./plateau";
import { formatPythonFloat } from "./python-float";
import { renderSelfHostedMetrics } from "./self-hosted-metrics";
import { INCIDENT_PERIOD_MS, requestsBetween } from "./traffic";

const DAY = Date.UTC(2026, 10, 23);
const MINUTE = 60_000;
/** Incidents start here and every 6 hours (before and after). */
const ANCHOR = DAY + 7 * MINUTE;
const options = { anchorMs: ANCHOR };

function parse(text: string | null): MetricFamily[] {
  expect(text).not.toBeNull();
  const parsed = parseExposition(text!, { contentType: "text/plain; version=0.0.4" });
  expect(parsed.errors).toEqual([]);
  return parsed.families;
}
const server = (name: string, replica: string, at: number) =>
  parse(renderSelfHostedMetrics(name, replica, at, options));
const dcgm = (name: string, replica: string, at: number) => parse(renderDcgmMetrics(name, replica, at, options));
const samplesOf = (families: MetricFamily[], name: string): Sample[] =>
  families.flatMap((f) => f.samples).filter((s) => s.name === name);
const total = (families: MetricFamily[], name: string, where: (s: Sample) => boolean = () => true) =>
  samplesOf(families, name)
    .filter(where)
    .reduce((sum, s) => sum + s.value, 0);

/** Every counter-like sample (counters, buckets, counts, sums) as `name{labels}` → value. */
function counters(families: MetricFamily[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const family of families) {
    if (family.type !== "counter" && family.type !== "histogram") continue;
    for (const s of family.samples) out.set(`${s.name}${JSON.stringify(s.labels)}`, s.value);
  }
  return out;
}

/** Every gauge sample as text, in order. */
const gauges = (families: MetricFamily[]) =>
  families
    .filter((f) => f.type === "gauge")
    .flatMap((f) => f.samples)
    .map((s) => `${s.name}${JSON.stringify(s.labels)} ${s.value}`);

/** Requests one replica answered between two renders, from its API server's `http_requests_total`. */
const vllmRequests = (replica: string, from: number, to: number) =>
  total(server("vllm-chat", replica, to), "http_requests_total") -
  total(server("vllm-chat", replica, from), "http_requests_total");

/** A quantile of the observations between two renders, from a histogram's bucket increases (upper bound). */
function quantileBetween(before: MetricFamily[], after: MetricFamily[], bucket: string, q: number): number {
  const increases = samplesOf(after, bucket).map((s) => {
    const earlier = samplesOf(before, bucket).find((b) => JSON.stringify(b.labels) === JSON.stringify(s.labels));
    const le = s.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(s.labels.le);
    return { le, increase: s.value - (earlier?.value ?? 0) };
  });
  const bounds = [...new Set(increases.map((i) => i.le))].sort((a, b) => a - b);
  const cumulative = bounds.map((le) => increases.filter((i) => i.le === le).reduce((sum, i) => sum + i.increase, 0));
  const all = cumulative.at(-1) ?? 0;
  return bounds[cumulative.findIndex((count) => count >= q * all)] ?? Number.NaN;
}

describe("simulated self-hosted servers", () => {
  it("speak each server's real format: vLLM V1 with two engines, TGI, DCGM", () => {
    const vllm = server("vllm-chat", "vllm-chat-0", DAY + 123_456);
    expect(detectServer(vllm)?.name).toBe("vLLM (V1 engine)");
    expect(new Set(samplesOf(vllm, "vllm:num_requests_running").map((s) => s.labels.engine))).toEqual(
      new Set(["0", "1"]),
    );
    expect(samplesOf(vllm, "vllm:kv_cache_usage_perc")[0]?.labels.model_name).toBe("meta-llama/Llama-3.1-8B-Instruct");
    // vLLM V1's bounds (vllm/v1/metrics/loggers.py), printed the prometheus_client way.
    expect(
      samplesOf(vllm, "vllm:time_to_first_token_seconds_bucket")
        .slice(0, 23)
        .map((s) => s.labels.le),
    ).toEqual(
      "0.001 0.005 0.01 0.02 0.04 0.06 0.08 0.1 0.25 0.5 0.75 1.0 2.5 5.0 7.5 10.0 20.0 40.0 80.0 160.0 640.0 2560.0 +Inf".split(
        " ",
      ),
    );
    expect(samplesOf(vllm, "http_requests_total").map((s) => s.labels.status)).toEqual(["2xx", "4xx", "5xx"]);

    const tgi = server("tgi-summarize", "tgi-summarize-0", DAY + 123_456);
    expect(detectServer(tgi)?.name).toBe("TGI");
    expect(tgi.map((f) => f.name)).not.toContain("tgi_request_success_total");
    // TGI's duration bounds are 0.0001 × 1.5^k, as the capture prints them.
    expect(samplesOf(tgi, "tgi_request_duration_bucket")[0]?.labels.le).toBe("0.00015000000000000001");
    expect(samplesOf(tgi, "tgi_request_input_length_bucket")).toHaveLength(101);

    const gpus = dcgm("vllm-chat", "vllm-chat-1", DAY + 123_456);
    expect(detectServer(gpus)?.kind).toBe("dcgm");
    expect(samplesOf(gpus, "DCGM_FI_DEV_GPU_UTIL").map((s) => [s.labels.gpu, s.labels.Hostname])).toEqual([
      ["0", "vllm-chat-1"],
      ["1", "vllm-chat-1"],
    ]);
    expect(renderDcgmMetrics("tgi-summarize", "tgi-summarize-0", DAY, options)).toBeNull();
    expect(renderSelfHostedMetrics("vllm-chat", "vllm-chat-9", DAY, options)).toBeNull();
  });

  it("keeps counters equal to the integral of the rate, so any two scrapes give the right rate", () => {
    const def = findSelfHostedServer("vllm-chat")!;
    let compared = 0;
    for (let t = DAY + 30 * MINUTE; t < DAY + 24 * 3_600_000; t += 41 * MINUTE + 1_234) {
      const later = t + 97_531;
      const restarted = def.replicas.some((r) => processStartMs(def, r, t) !== processStartMs(def, r, later));
      if (restarted) continue;
      const answered = vllmRequests("vllm-chat-0", t, later) + vllmRequests("vllm-chat-1", t, later);
      // Each replica's three status counters are floored separately.
      expect(Math.abs(answered - requestsBetween(def.traffic, t, later))).toBeLessThanOrEqual(6);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(25);
  });

  it("only lets counters fall when a replica's process restarts, and keeps histograms cumulative", () => {
    const { server: def, replica } = findSelfHostedReplica("vllm-chat", "vllm-chat-1")!;
    let previous = counters(server("vllm-chat", "vllm-chat-1", DAY));
    let restarts = 0;
    for (let t = DAY + 7 * MINUTE; t < DAY + 2 * 86_400_000; t += 7 * MINUTE) {
      const families = server("vllm-chat", "vllm-chat-1", t);
      const now = counters(families);
      const fell = [...now].filter(([key, value]) => value < (previous.get(key) ?? 0));
      if (processStartMs(def, replica, t) > t - 7 * MINUTE) {
        restarts += 1;
        expect(fell.length).toBeGreaterThan(0);
      } else {
        expect(fell).toEqual([]);
      }
      for (const engine of ["0", "1"]) {
        const buckets = samplesOf(families, "vllm:inter_token_latency_seconds_bucket")
          .filter((s) => s.labels.engine === engine)
          .map((s) => s.value);
        expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
      }
      previous = now;
    }
    expect(restarts).toBeGreaterThanOrEqual(3);
  });

  it("shows the incident on vllm-chat-1 and TGI only: 5xx, slow first tokens, a full cache, a queue", () => {
    const incident = ANCHOR + INCIDENT_PERIOD_MS + 5 * MINUTE;
    const calm = incident + 2 * 3_600_000;
    // No process restarts inside the windows compared (counters would start again from zero).
    for (const name of ["vllm-chat", "tgi-summarize"]) {
      const def = findSelfHostedServer(name)!;
      for (const r of def.replicas) {
        for (const at of [incident, calm]) expect(processStartMs(def, r, at)).toBeLessThan(at - 5 * MINUTE);
      }
    }
    const errorShare = (name: string, replica: string, at: number, errors: (s: Sample) => boolean, counter: string) => {
      const [before, after] = [server(name, replica, at - MINUTE), server(name, replica, at)];
      const delta = (where: (s: Sample) => boolean) => total(after, counter, where) - total(before, counter, where);
      return delta(errors) / delta(() => true);
    };
    const is5xx = (s: Sample) => s.labels.status === "5xx";
    expect(errorShare("vllm-chat", "vllm-chat-1", incident, is5xx, "http_requests_total")).toBeGreaterThan(0.3);
    expect(errorShare("vllm-chat", "vllm-chat-0", incident, is5xx, "http_requests_total")).toBeLessThan(0.02);
    expect(errorShare("vllm-chat", "vllm-chat-1", calm, is5xx, "http_requests_total")).toBeLessThan(0.02);

    const ttftP90 = (replica: string, at: number) =>
      quantileBetween(
        server("vllm-chat", replica, at - 5 * MINUTE),
        server("vllm-chat", replica, at),
        "vllm:time_to_first_token_seconds_bucket",
        0.9,
      );
    expect(ttftP90("vllm-chat-1", incident)).toBeGreaterThanOrEqual(4 * ttftP90("vllm-chat-1", calm));
    expect(ttftP90("vllm-chat-0", incident)).toBeLessThanOrEqual(2 * ttftP90("vllm-chat-0", calm));
    const kvCache = (replica: string, at: number) =>
      Math.min(...samplesOf(server("vllm-chat", replica, at), "vllm:kv_cache_usage_perc").map((s) => s.value));
    expect(kvCache("vllm-chat-1", incident)).toBeGreaterThan(0.95);
    expect(kvCache("vllm-chat-1", calm)).toBeLessThan(0.9);
    expect(total(server("vllm-chat", "vllm-chat-1", incident), "vllm:num_requests_waiting")).toBeGreaterThan(5);

    const tgiFailure = (at: number) => {
      const [before, after] = [
        server("tgi-summarize", "tgi-summarize-0", at - MINUTE),
        server("tgi-summarize", "tgi-summarize-0", at),
      ];
      const delta = (name: string, where?: (s: Sample) => boolean) =>
        total(after, name, where) - total(before, name, where);
      return delta("tgi_request_failure", (s) => s.labels.err === "generation") / delta("tgi_request_count");
    };
    expect(tgiFailure(incident)).toBeGreaterThan(0.25);
    expect(tgiFailure(calm)).toBeLessThan(0.02);
    expect(total(server("tgi-summarize", "tgi-summarize-0", incident), "tgi_queue_size")).toBeGreaterThan(2);
  });

  it("follows the same daily rhythm as the other simulated endpoints", () => {
    const perHour = Array.from({ length: 24 }, (_, h) =>
      vllmRequests("vllm-chat-0", DAY + h * 3_600_000 + 30 * MINUTE, DAY + h * 3_600_000 + 40 * MINUTE),
    ).filter((n) => n > 0);
    expect(perHour.length).toBeGreaterThan(20);
    expect(Math.max(...perHour) / Math.min(...perHour)).toBeGreaterThan(2);
  });

  it("holds gauges for a 15 s plateau, the GPU exporter's with the server's", () => {
    let changed = 0;
    for (let start = DAY; start < DAY + 12 * 3_600_000; start += 17 * MINUTE + PLATEAU_MS) {
      const at = (offset: number) => [
        ...gauges(server("vllm-chat", "vllm-chat-1", start + offset)),
        ...gauges(dcgm("vllm-chat", "vllm-chat-1", start + offset)),
        ...gauges(server("tgi-summarize", "tgi-summarize-0", start + offset)),
      ];
      const first = at(0);
      expect(at(7_000)).toEqual(first);
      expect(at(PLATEAU_MS - 1)).toEqual(first);
      if (at(PLATEAU_MS).join() !== first.join()) changed += 1;
    }
    expect(changed).toBeGreaterThan(30);
  });

  it("renders the same text at an instant whatever was rendered before", () => {
    const at = DAY + 14 * 3_600_000 + 5_555;
    const text = renderSelfHostedMetrics("tgi-summarize", "tgi-summarize-0", at, options);
    for (let t = at - 86_400_000; t < at + 86_400_000; t += 13 * MINUTE) {
      renderSelfHostedMetrics("tgi-summarize", "tgi-summarize-0", t, options);
    }
    expect(renderSelfHostedMetrics("tgi-summarize", "tgi-summarize-0", at, options)).toBe(text);
  });
});

describe("formatPythonFloat", () => {
  it.each([
    [5, "5.0"],
    [0.5, "0.5"],
    [1_048_576, "1.048576e+06"],
    [6_634_254_336, "6.634254336e+09"],
    [10_000_000, "1e+07"],
    [7.358146831393242e-5, "7.358146831393242e-05"],
    [Number.POSITIVE_INFINITY, "+Inf"],
  ])("prints %s as prometheus_client does: %s", (value, text) => {
    expect(formatPythonFloat(value)).toBe(text);
  });
});
