import { describe, expect, it } from "vitest";
import { parseExposition } from "@/lib/openmetrics/parse";
import type { MetricFamily } from "@/lib/openmetrics/types";
import { findHuggingFaceEndpoint, replicaScheduleOf } from "./huggingface-catalog";
import { getHuggingFaceStatus } from "./huggingface-state";
import {
  DATABRICKS_ENDPOINTS,
  INCIDENT_PERIOD_MS,
  listSimulatedEndpoints,
  renderDatabricksMetrics,
  renderHuggingFaceMetrics,
} from "./index";
import { PLATEAU_MS } from "./plateau";
import { requestsBetween } from "./traffic";

const DAY = Date.UTC(2026, 10, 23);
const MINUTE = 60_000;

function parse(text: string | null, contentType: string): MetricFamily[] {
  expect(text).not.toBeNull();
  const parsed = parseExposition(text!, { contentType });
  expect(parsed.errors).toEqual([]);
  return parsed.families;
}

const dbx = (name: string, at: number, anchorMs = 0) =>
  parse(renderDatabricksMetrics(name, at, { anchorMs }), "text/plain; version=0.0.4; charset=utf-8");
const hf = (name: string, at: number) =>
  parse(renderHuggingFaceMetrics(name, at), "application/openmetrics-text; version=1.0.0; charset=utf-8");
const value = (families: MetricFamily[], sample: string) =>
  families.flatMap((f) => f.samples).find((s) => s.name === sample)?.value ?? Number.NaN;

/** Per replica id: the sum of its request counters. */
function countersOf(families: MetricFamily[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const sample of families.find((f) => f.name === "http_requests")?.samples ?? []) {
    const id = sample.labels.replica_id ?? "";
    out.set(id, (out.get(id) ?? 0) + sample.value);
  }
  return out;
}

/** Per replica id: the counters' sum computed the slow way, cell by cell from the process start. */
function integratedCounters(name: string, at: number): Map<string, number> {
  const def = findHuggingFaceEndpoint(name)!;
  const serving = def.serving!;
  const { gridMs, countAt } = replicaScheduleOf(def, serving);
  const out = new Map<string, number>();
  for (const replica of getHuggingFaceStatus(name, at)!.replicas) {
    let requests = 0;
    for (let from = replica.processStartMs; from < at;) {
      const grid = Math.floor(from / gridMs);
      const to = Math.min(at, (grid + 1) * gridMs);
      requests += requestsBetween(serving.traffic, from, to) / Math.max(1, countAt(grid));
      from = to;
    }
    const { ratio4xx, ratio5xx } = serving;
    const rows = [requests * (1 - ratio4xx - ratio5xx), requests * ratio4xx, requests * ratio5xx];
    out.set(
      replica.id,
      rows.reduce((sum, v) => sum + Math.floor(v), 0),
    );
  }
  return out;
}

/** Every sample but the counters (`http_requests`, and the summary's `_count` and `_sum`). */
function gaugesOf(families: MetricFamily[]): string[] {
  return families
    .flatMap((f) => f.samples)
    .filter((s) => s.name !== "http_requests" && !/_(count|sum)$/.test(s.name))
    .map((s) => `${s.name}${JSON.stringify(s.labels)} ${s.value}`);
}

describe("simulated endpoints", () => {
  it("lists at least 8 endpoints across both platforms", () => {
    const all = listSimulatedEndpoints();
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(new Set(all.map((e) => e.platform))).toEqual(new Set(["databricks", "huggingface"]));
  });

  it("renders the same text for the same endpoint and time", () => {
    expect(renderDatabricksMetrics("fraud-scorer", DAY + 123_456)).toBe(
      renderDatabricksMetrics("fraud-scorer", DAY + 123_456),
    );
    expect(renderHuggingFaceMetrics("sentiment-prod", DAY + 123_456)).toBe(
      renderHuggingFaceMetrics("sentiment-prod", DAY + 123_456),
    );
  });
});

describe("renderDatabricksMetrics", () => {
  it("answers null for endpoints without metrics, and valid text stamped with the minute for the others", () => {
    for (const def of DATABRICKS_ENDPOINTS) {
      const text = renderDatabricksMetrics(def.name, DAY + 90_500);
      if (def.metrics === null) {
        expect(text).toBeNull();
        continue;
      }
      const samples = dbx(def.name, DAY + 90_500).flatMap((f) => f.samples);
      expect(samples.every((s) => s.timestampMs === DAY + MINUTE)).toBe(true);
      expect(value(dbx(def.name, DAY + 90_500), "request_latency_ms_bucket")).toBeGreaterThanOrEqual(0);
    }
  });

  it("has a 5xx incident in the first 20 minutes after the anchor, recurring every 6 hours", () => {
    const anchor = DAY + 7 * MINUTE;
    const ratio = (at: number) => {
      const families = dbx("recsys-features", at, anchor);
      return value(families, "request_5xx_count_total") / value(families, "request_count_total");
    };
    expect(ratio(anchor + 5 * MINUTE)).toBeGreaterThan(0.3);
    expect(ratio(anchor + INCIDENT_PERIOD_MS + 10 * MINUTE)).toBeGreaterThan(0.3);
    expect(ratio(anchor - INCIDENT_PERIOD_MS + 10 * MINUTE)).toBeGreaterThan(0.3);
    expect(ratio(anchor + 3 * 3_600_000)).toBeLessThan(0.02);
    expect(ratio(anchor + 25 * MINUTE)).toBeLessThan(0.02);
  });

  it("follows a daily rhythm", () => {
    const counts = Array.from({ length: 24 }, (_, h) =>
      value(dbx("fraud-scorer", DAY + h * 3_600_000), "request_count_total"),
    );
    expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThan(2);
  });
});

describe("renderHuggingFaceMetrics", () => {
  it("keeps counters equal to the integral of the rate, so any two scrapes give the right rate", () => {
    const profile = findHuggingFaceEndpoint("sentiment-prod")!.serving!.traffic;
    let compared = 0;
    for (let t = DAY; t < DAY + 24 * 3_600_000; t += 37 * MINUTE) {
      const before = countersOf(hf("sentiment-prod", t));
      const after = countersOf(hf("sentiment-prod", t + 15_000));
      const same = [...before.keys()].every((id) => (after.get(id) ?? -1) >= (before.get(id) ?? 0));
      if (!same || before.size !== after.size) continue;
      const delta = [...after.entries()].reduce((sum, [id, v]) => sum + v - (before.get(id) ?? 0), 0);
      // Each replica's three counters are floored separately.
      expect(Math.abs(delta - requestsBetween(profile, t, t + 15_000))).toBeLessThanOrEqual(3 * before.size);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it("scales between min and max replicas, with replicas coming, going and restarting", () => {
    const ids = new Set<string>();
    const counts: number[] = [];
    let restarts = 0;
    let previous = new Map<string, number>();
    for (let t = DAY; t < DAY + 24 * 3_600_000; t += 5 * MINUTE) {
      const status = getHuggingFaceStatus("sentiment-prod", t)!;
      counts.push(status.replicas.length);
      const counters = countersOf(hf("sentiment-prod", t));
      for (const [id, total] of counters) {
        ids.add(id);
        if (total < (previous.get(id) ?? 0)) restarts += 1;
      }
      previous = counters;
    }
    expect(Math.min(...counts)).toBe(2);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
    expect(ids.size).toBeGreaterThan(10);
    expect(restarts).toBeGreaterThan(0);
  });

  it("wakes the scale-to-zero endpoint every 30 minutes, with 503s as it starts", () => {
    const at = (minute: number) => DAY + minute * MINUTE;
    expect(getHuggingFaceStatus("llama-chat", at(0) + 30_000)?.state).toBe("initializing");
    expect(getHuggingFaceStatus("llama-chat", at(5))?.state).toBe("running");
    expect(getHuggingFaceStatus("llama-chat", at(20))?.state).toBe("scaledToZero");
    expect(renderHuggingFaceMetrics("llama-chat", at(20))).toBeNull();
    const samples = hf("llama-chat", at(5)).flatMap((f) => f.samples);
    expect(samples.find((s) => s.labels.status_code === "503")?.value).toBe(8);
  });

  it("has no metrics for paused, failed, pending and update-failed endpoints", () => {
    for (const name of ["bge-embed", "whisper-batch", "reranker", "summarizer"]) {
      expect(renderHuggingFaceMetrics(name, DAY)).toBeNull();
    }
  });

  it.each([
    ["the later scrape first", DAY + 3 * 3_600_000 + 4_321, true],
    ["the earlier scrape first", DAY + 9 * 3_600_000 + 8_765, false],
  ])("keeps counters equal to the integral whatever was rendered before (%s)", (_, start, laterFirst) => {
    const times = [start, start + 97 * MINUTE + 1_234];
    const renderOrder = laterFirst ? [...times].reverse() : times;
    const counters = new Map(renderOrder.map((t) => [t, countersOf(hf("sentiment-prod", t))]));
    for (const t of times) expect(counters.get(t)).toEqual(integratedCounters("sentiment-prod", t));
  });

  it("renders the same text at an instant after other renders, far and near", () => {
    const at = DAY + 14 * 3_600_000 + 5_555;
    const text = renderHuggingFaceMetrics("codegen", at);
    for (let t = at - 3 * 86_400_000; t < at + 86_400_000; t += 7 * MINUTE) renderHuggingFaceMetrics("codegen", t);
    expect(renderHuggingFaceMetrics("codegen", at)).toBe(text);
  });

  it("holds every gauge and quantile for a 15 s plateau aligned to the epoch, replicas included", () => {
    let changed = 0;
    for (let start = DAY; start < DAY + 24 * 3_600_000; start += 13 * MINUTE + PLATEAU_MS) {
      const gauges = gaugesOf(hf("sentiment-prod", start));
      expect(gaugesOf(hf("sentiment-prod", start + 7_000))).toEqual(gauges);
      expect(gaugesOf(hf("sentiment-prod", start + PLATEAU_MS - 1))).toEqual(gauges);
      if (gaugesOf(hf("sentiment-prod", start + PLATEAU_MS)).join() !== gauges.join()) changed += 1;
    }
    expect(changed).toBeGreaterThan(100);
  });

  it("gives a 1 s scraper and a 15 s scraper, at different instants, the same window averages", () => {
    const averages = (offsetMs: number, everyMs: number) => {
      const sums = new Map<string, { sum: number; count: number }>();
      for (let t = DAY + offsetMs; t < DAY + 10 * MINUTE; t += everyMs) {
        for (const gauge of gaugesOf(hf("codegen", t))) {
          const [series = "", value = ""] = gauge.split(" ");
          const entry = sums.get(series) ?? { sum: 0, count: 0 };
          sums.set(series, { sum: entry.sum + Number(value), count: entry.count + 1 });
        }
      }
      return new Map([...sums].map(([series, { sum, count }]) => [series, sum / count]));
    };
    const collector = averages(4_200, PLATEAU_MS);
    const prometheus = averages(700, 1_000);
    expect([...prometheus.keys()].sort()).toEqual([...collector.keys()].sort());
    for (const [series, average] of collector) {
      expect(Math.abs(prometheus.get(series)! - average)).toBeLessThanOrEqual(Math.abs(average) * 1e-9);
    }
  });
});
