import { describe, expect, it } from "vitest";
import type { GroupBy, Panel } from "@/lib/api/schemas";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery } from "@/lib/query/types";
import { QUANTILES } from "@/lib/panels/quantiles";
import { histogramQuantile } from "@/lib/query/histogram-quantile";
import {
  DATABRICKS_ENDPOINTS,
  getHuggingFaceStatus,
  HUGGINGFACE_ENDPOINTS,
  SELF_HOSTED_SERVERS,
} from "@/lib/simulation";
import { PLATEAU_MS } from "@/lib/simulation/plateau";
import { unit } from "@/lib/simulation/random";
import { expectationsAt, withinAllowance, type Timing } from "@/test-support/agreement-allowance";
import { panelModelOf, type Reduce } from "@/test-support/panel-members";
import { prometheusRateFactor } from "@/test-support/prometheus-rate-factor";
import { createServedTruth, seriesKeyOf, type SimulatedTarget } from "@/test-support/simulated-truth";
import { makeEndpoint } from "@/test-support/endpoints";

const TIMING: Timing = { stepMs: 30_000, scrapeMs: 1000, edgeMs: 2000 };
const DAY = Date.UTC(2026, 10, 23);
/** The self-hosted servers as a configuration lists them: each replica, its GPU exporter where it has one. */
const SELF_HOSTED_TARGETS = SELF_HOSTED_SERVERS.map((server) => ({
  name: server.name,
  replicas: server.replicas.map((r) => ({
    id: r.id,
    url: "http://127.0.0.1:1/metrics",
    ...(r.dcgm ? { gpuUrl: "http://127.0.0.1:2/metrics" } : {}),
  })),
}));
const truth = createServedTruth({ anchorMs: DAY }, SELF_HOSTED_TARGETS);

function endpointOf(target: SimulatedTarget): DiscoveredEndpoint {
  return makeEndpoint(`${target.provider}.${target.name}`, target.provider, {
    scaling: { maxReplicas: 6 },
    scrape: { url: "http://127.0.0.1:1/metrics", intervalS: 1 },
  });
}

interface Scrape {
  stampMs: number;
  samples: readonly CanonicalSample[];
}

/**
 * One scraper: every second at its own phase, up to 200 ms early or late, served up to 80 ms after its
 * stamp; each self-hosted replica is a target of its own, at a phase of its own.
 */
function scrapesOf(target: SimulatedTarget, fromMs: number, toMs: number, seed: string): Scrape[] {
  if (target.provider === "openmetrics") {
    const ids = SELF_HOSTED_TARGETS.find((t) => t.name === target.name)!.replicas.map((r) => r.id);
    return ids.flatMap((id) =>
      scrapesOfUnit(target, fromMs, toMs, `${seed}/${id}`).map((scrape) => ({
        ...scrape,
        samples: scrape.samples.filter((sample) => sample.labels.replica === id),
      })),
    );
  }
  return scrapesOfUnit(target, fromMs, toMs, seed);
}

function scrapesOfUnit(target: SimulatedTarget, fromMs: number, toMs: number, seed: string): Scrape[] {
  const phaseMs = unit(seed, "phase") * 1000;
  const out: Scrape[] = [];
  for (let k = 0, at = fromMs + phaseMs; at <= toMs; k += 1, at += 1000) {
    const stampMs = Math.round(at + (unit(seed, k, "jitter") * 2 - 1) * 200);
    out.push({ stampMs, samples: truth.samplesAt(target, stampMs + Math.round(unit(seed, k, "delay") * 80)) });
  }
  return out;
}

type Series = Map<string, Array<{ ts: number; value: number }>>;

/** A scraper's history per panel series and member (replica for a count, else the served series). */
function historyOf(scrapes: readonly Scrape[], endpoint: DiscoveredEndpoint, query: PanelQuery) {
  const model = panelModelOf(endpoint, query);
  const out = new Map<string, Series>();
  for (const { stampMs, samples } of scrapes) {
    for (const sample of samples) {
      for (const name of model.seriesOf(sample)) {
        const member = model.reduce === "count" ? sample.labels.replica : seriesKeyOf(sample);
        const members = out.get(name) ?? out.set(name, new Map()).get(name)!;
        const points = members.get(member) ?? members.set(member, []).get(member)!;
        if (points.at(-1)?.ts !== stampMs)
          points.push({ ts: stampMs, value: model.reduce === "count" ? 1 : sample.value });
      }
    }
  }
  return { model, out };
}

/** The store's increase: of consecutive samples whose later one is in (t − step, t]; and the time it covers. */
function storeIncrease(points: Array<{ ts: number; value: number }>, tMs: number) {
  let [increase, coveredMs, seen] = [0, 0, 0];
  points.forEach((p, i) => {
    if (p.ts <= tMs - TIMING.stepMs || p.ts > tMs) return;
    seen += 1;
    const prev = points[i - 1];
    if (!prev) return;
    increase += p.value >= prev.value ? p.value - prev.value : p.value;
    coveredMs += p.ts - prev.ts;
  });
  return seen === 0 ? null : { increase, coveredMs };
}

/** The store's (and VictoriaMetrics') rate: that increase ÷ the time it covers. */
function storeRate(points: Array<{ ts: number; value: number }>, tMs: number): number | null {
  const window = storeIncrease(points, tMs);
  return window === null ? null : (window.increase * 1000) / (window.coveredMs || TIMING.stepMs);
}

/** Prometheus 2.x's rate over [t − step, t]: extrapolated to the edges, zero-clamped. */
function prometheusRate(points: Array<{ ts: number; value: number }>, tMs: number): number | null {
  const inRange = points.filter((p) => p.ts >= tMs - TIMING.stepMs && p.ts <= tMs);
  const first = inRange[0];
  const last = inRange.at(-1);
  if (!first || !last || inRange.length < 2) return null;
  let result = last.value - first.value;
  inRange.forEach((p, i) => {
    if (i > 0 && p.value < (inRange[i - 1] as { value: number }).value)
      result += (inRange[i - 1] as { value: number }).value;
  });
  const sampled = (last.ts - first.ts) / 1000;
  const average = sampled / (inRange.length - 1);
  let toStart = (first.ts - (tMs - TIMING.stepMs)) / 1000;
  const toEnd = (tMs - last.ts) / 1000;
  if (result > 0 && first.value >= 0) toStart = Math.min(toStart, sampled * (first.value / result));
  const stretch = (gap: number) => (gap < 1.1 * average ? gap : average / 2);
  return (result * ((sampled + stretch(toStart) + stretch(toEnd)) / sampled)) / (TIMING.stepMs / 1000);
}

/** A member's metric: its series key begins with it. */
const metricOf = (member: string) => member.slice(0, member.indexOf("{"));
const leOf = (member: string) => {
  const le = /[{,]le=([^,}]+)/.exec(member)?.[1];
  return le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
};

/**
 * A histogram quantile: the store sums each bucket's increase over replicas, Prometheus its
 * extrapolated rate; then the one histogram_quantile both use.
 */
function quantileValue(members: Series, series: string, tMs: number, prometheus: boolean): number | null {
  const q = QUANTILES.find((quantile) => quantile.name === series)!.q;
  const byLe = new Map<number, number>();
  let seen = false;
  for (const [member, points] of members) {
    const count = prometheus ? prometheusRate(points, tMs) : (storeIncrease(points, tMs)?.increase ?? null);
    if (count === null) continue;
    seen = true;
    byLe.set(leOf(member), (byLe.get(leOf(member)) ?? 0) + count);
  }
  return seen
    ? histogramQuantile(
        q,
        [...byLe].map(([le, count]) => ({ le, count })),
      )
    : null;
}

/** 100 × Σ rate(hits) ÷ Σ rate(lookups); null without lookups. */
function ratioValue(members: Series, tMs: number, prometheus: boolean): number | null {
  const total = (metric: string) =>
    [...members]
      .filter(([member]) => metricOf(member) === metric)
      .reduce((sum, [, points]) => sum + ((prometheus ? prometheusRate(points, tMs) : storeRate(points, tMs)) ?? 0), 0);
  const lookups = total("prefix_cache_queries_total");
  return lookups > 0 ? (100 * total("prefix_cache_hits_total")) / lookups : null;
}

function windowValue(members: Series, reduce: Reduce, tMs: number, prometheus: boolean, series: string) {
  if (reduce === "quantile") return quantileValue(members, series, tMs, prometheus);
  if (reduce === "ratio") return ratioValue(members, tMs, prometheus);
  const values: number[] = [];
  for (const points of members.values()) {
    if (reduce === "rate") {
      const rate = prometheus ? prometheusRate(points, tMs) : storeRate(points, tMs);
      if (rate !== null) values.push(rate);
      continue;
    }
    const inWindow = points.filter((p) => p.ts > tMs - TIMING.stepMs && p.ts <= tMs);
    if (inWindow.length > 0) values.push(inWindow.reduce((s, p) => s + p.value, 0) / inWindow.length);
  }
  if (values.length === 0) return null;
  const total = values.reduce((a, b) => a + b, 0);
  return reduce === "mean" ? total / values.length : reduce === "count" ? values.length : total;
}

/** The first 15 s boundary after `fromMs` where `changed(before, after)` holds for the endpoint's replicas. */
function findEvent(
  name: string,
  fromMs: number,
  changed: (before: string[], after: string[], atMs: number) => boolean,
) {
  for (let at = Math.ceil(fromMs / PLATEAU_MS) * PLATEAU_MS; at < fromMs + 7 * 86_400_000; at += PLATEAU_MS) {
    const ids = (t: number) =>
      (getHuggingFaceStatus(name, t)?.replicas ?? []).map((r) => `${r.id}@${r.processStartMs}`);
    if (changed(ids(at - 1), ids(at), at)) return at;
  }
  throw new Error(`no such event for ${name}`);
}

const CASES: Array<{ panel: Panel; by?: GroupBy }> = [
  { panel: "requests", by: "class" },
  { panel: "requests", by: "code" },
  { panel: "latency" },
  { panel: "pending" },
  { panel: "replicas" },
  { panel: "cpu" },
  { panel: "cpu", by: "replica" },
  { panel: "vram", by: "replica" },
];

/** The panels self-hosted servers answer (CPU and memory aside), GPU per replica, waiting and running per replica. */
const SELF_HOSTED_CASES: Array<{ panel: Panel; by?: GroupBy }> = [
  ...CASES.filter(({ panel, by }) => ["requests", "latency", "pending", "replicas"].includes(panel) && by !== "code"),
  ...(["ttft", "itl", "tokens", "prefix_cache"] as const).map((panel) => ({ panel })),
  ...(["pending", "kv_cache", "gpu"] as const).map((panel) => ({ panel, by: "replica" as const })),
];

const idsOf = (runs: string[]) => runs.map((run) => run.split("@")[0]).join();
const EPOCHS: Array<{ what: string; name: string; atMs: number; provider?: "openmetrics" }> = [
  { what: "an ordinary hour", name: "codegen", atMs: DAY + 3_600_000 },

  // The incident windows start at the anchor: a slow replica, 5xx, a thrashing prefix cache.
  { what: "the vLLM's incident", name: "vllm-chat", atMs: DAY + 120_000, provider: "openmetrics" },
  { what: "TGI's incident", name: "tgi-summarize", atMs: DAY + 120_000, provider: "openmetrics" },
  {
    what: "the autoscaler adding a replica",
    name: "sentiment-prod",
    atMs: findEvent("sentiment-prod", DAY, (before, after) => after.length > before.length),
  },
  {
    what: "a process restarting mid-window",
    name: "codegen",
    atMs: findEvent(
      "codegen",
      DAY,
      (before, after, at) =>
        at % TIMING.stepMs !== 0 && idsOf(before) === idsOf(after) && before.join() !== after.join(),
    ),
  },
  {
    what: "a scale-to-zero endpoint waking up",
    name: "llama-chat",
    atMs: findEvent("llama-chat", DAY, (before, after) => before.length === 0 && after.length > 0),
  },
];

describe("the schedule's allowance holds for scrapers at their own instants", () => {
  it.each(EPOCHS)(
    "around $what",
    async ({ name, atMs, provider }) => {
      const target: SimulatedTarget = { provider: provider ?? "huggingface", name };
      const endpoint = endpointOf(target);
      const firstT = Math.floor(atMs / TIMING.stepMs) * TIMING.stepMs;
      const grid = [firstT, firstT + TIMING.stepMs, firstT + 2 * TIMING.stepMs];
      const [fromMs, toMs] = [firstT - TIMING.stepMs - 5000, firstT + 2 * TIMING.stepMs + 5000];
      let compared = 0;
      // One pair of scrapers for a self-hosted target: its quantiles' allowances take a while to work out.
      for (let pair = 0; pair < (provider === "openmetrics" ? 1 : 4); pair += 1) {
        const sides = [
          scrapesOf(target, fromMs, toMs, `${name}/${pair}/a`),
          scrapesOf(target, fromMs, toMs, `${name}/${pair}/b`),
        ];
        // Prometheus' scrape instants per target (a self-hosted replica is one).
        const stampsByTarget = new Map<string, number[]>();
        for (const { stampMs, samples } of sides[1]!) {
          const unit = provider === "openmetrics" ? (samples[0]?.labels.replica ?? "") : "";
          if (samples.length > 0) stampsByTarget.set(unit, [...(stampsByTarget.get(unit) ?? []), stampMs]);
        }
        for (const { panel, by } of provider === "openmetrics" ? SELF_HOSTED_CASES : CASES) {
          const query: PanelQuery = {
            panel,
            fromMs: grid[0]!,
            toMs: grid.at(-1)!,
            stepMs: TIMING.stepMs,
            ...(by ? { by } : {}),
          };
          const [a, b] = sides.map((side) => historyOf(side, endpoint, query).out);
          for (const tMs of grid) {
            // Working out a quantile's allowance takes a while: let the worker answer its runner meanwhile.
            await new Promise((resolve) => setImmediate(resolve));
            const factors = [...stampsByTarget.values()].map((stamps) =>
              prometheusRateFactor(stamps, tMs, TIMING.stepMs),
            );
            const factor = { min: Math.min(...factors.map((f) => f.min)), max: Math.max(...factors.map((f) => f.max)) };
            const expected = expectationsAt(truth, endpoint, query, tMs, TIMING, factor);
            const { reduce, constants } = panelModelOf(endpoint, query);
            // Flat series come from discovery, not from scrapes: the integration test compares them.
            for (const name of constants) expected.delete(name);
            for (const series of new Set([...expected.keys(), ...a!.keys(), ...b!.keys()])) {
              const want = expected.get(series) ?? { kind: "gap" as const };
              const x = windowValue(a!.get(series) ?? new Map(), reduce, tMs, false, series);
              const y = windowValue(b!.get(series) ?? new Map(), reduce, tMs, true, series);
              const where = `${panel}/${by} ${series} at ${tMs}: ${x} vs ${y}, ${JSON.stringify(want)}`;
              if (want.kind === "gap") expect([x, y], where).toEqual([null, null]);
              if (want.kind !== "value") continue;
              expect(x !== null && y !== null && withinAllowance(x, y, want.allowance), where).toBe(true);
              compared += 1;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(provider === "openmetrics" ? 40 : 60);
    },
    120_000,
  );
});

describe("the schedule itself", () => {
  it("Databricks serves each minute's samples unchanged all minute, stamped with the minute", () => {
    for (const def of DATABRICKS_ENDPOINTS.filter((d) => d.metrics !== null)) {
      const target: SimulatedTarget = { provider: "databricks", name: def.name };
      const minute = DAY + 37 * 60_000;
      const first = truth.samplesAt(target, minute);
      expect(first.length, def.name).toBeGreaterThan(0);
      expect(first.every((s) => s.timestampMs === minute)).toBe(true);
      for (const at of [minute + 1, minute + 29_999, minute + 59_999])
        expect(truth.samplesAt(target, at)).toEqual(first);
      expect(truth.samplesAt(target, minute + 60_000)).not.toEqual(first);
    }
  });

  it("Hugging Face gauges and replicas hold for a whole 15 s plateau", () => {
    for (const def of HUGGINGFACE_ENDPOINTS.filter((d) => d.serving !== null)) {
      const target: SimulatedTarget = { provider: "huggingface", name: def.name };
      const gauges = (at: number) => truth.samplesAt(target, at).filter((s) => s.metric !== "requests_total");
      const start = DAY + 41 * PLATEAU_MS;
      expect(gauges(start + PLATEAU_MS - 1)).toEqual(
        gauges(start).map((s) => ({ ...s, timestampMs: start + PLATEAU_MS - 1 })),
      );
    }
  });
});

describe("a quantile's allowance for one replica", () => {
  /** Every 10 ms instant within an edge of `edgeMs`: where a side's edge sample may have been served. */
  const around = (edgeMs: number) =>
    Array.from({ length: (2 * TIMING.edgeMs) / 10 + 1 }, (_, k) => edgeMs - TIMING.edgeMs + 10 * k);

  it.each(["ttft", "itl"] as const)(
    "%s: spans the quantiles of every pair of instants near the window's edges (the vLLM's incident)",
    async (panel) => {
      const target: SimulatedTarget = { provider: "openmetrics", name: "vllm-chat" };
      const endpoint = endpointOf(target);
      const replica = SELF_HOSTED_SERVERS.find((s) => s.name === target.name)!.replicas[0]!.id;
      const firstT = Math.ceil((DAY + 120_000) / TIMING.stepMs) * TIMING.stepMs;
      const query: PanelQuery = {
        panel,
        replica,
        fromMs: firstT,
        toMs: firstT + 5 * TIMING.stepMs,
        stepMs: TIMING.stepMs,
      };
      const model = panelModelOf(endpoint, query);
      // The replica's cumulative buckets at an instant, by bound.
      const bucketsAt = (atMs: number) => {
        const counts = new Map<string, number>();
        for (const sample of truth.samplesAt(target, atMs))
          if (model.seriesOf(sample).length > 0) counts.set(sample.labels.le!, sample.value);
        return counts;
      };
      let checked = 0;
      for (let tMs = query.fromMs; tMs <= query.toMs; tMs += TIMING.stepMs) {
        // Each point renders the schedule 800 times: let the worker answer its runner meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
        const expected = expectationsAt(truth, endpoint, query, tMs, TIMING);
        const starts = around(tMs - TIMING.stepMs).map(bucketsAt);
        const ends = around(tMs).map(bucketsAt);
        QUANTILES.forEach(({ q, name }) => {
          const want = expected.get(name);
          if (want?.kind !== "value") return;
          let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
          for (const start of starts)
            for (const end of ends) {
              const buckets = [...end].map(([le, count]) => ({
                le: le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le),
                count: count - (start.get(le) ?? 0),
              }));
              const value = histogramQuantile(q, buckets);
              if (value === null) continue;
              [low, high] = [Math.min(low, value), Math.max(high, value)];
            }
          // Any two sides' answers at this point may differ by the spread: the allowance covers it.
          expect(
            withinAllowance(low, high, want.allowance),
            `${name} at ${tMs}: ${low}…${high}, ${want.allowance}`,
          ).toBe(true);
          checked += 1;
        });
      }
      expect(checked).toBeGreaterThan(12);
    },
    120_000,
  );
});

describe("a quantile's allowance over several replicas", () => {
  it("spans the quantiles of the replicas' summed buckets, each read at its own instants (the vLLM's incident)", async () => {
    const target: SimulatedTarget = { provider: "openmetrics", name: "vllm-chat" };
    const endpoint = endpointOf(target);
    const firstT = Math.ceil((DAY + 120_000) / TIMING.stepMs) * TIMING.stepMs;
    const query: PanelQuery = {
      panel: "ttft",
      fromMs: firstT,
      toMs: firstT + 5 * TIMING.stepMs,
      stepMs: TIMING.stepMs,
    };
    const model = panelModelOf(endpoint, query);
    // Cumulative buckets by replica and bound at an instant.
    const bucketsAt = (atMs: number) => {
      const counts = new Map<string, Map<string, number>>();
      for (const sample of truth.samplesAt(target, atMs)) {
        if (model.seriesOf(sample).length === 0) continue;
        const replica = counts.get(sample.labels.replica!) ?? new Map<string, number>();
        replica.set(sample.labels.le!, (replica.get(sample.labels.le!) ?? 0) + sample.value);
        counts.set(sample.labels.replica!, replica);
      }
      return counts;
    };
    let checked = 0;
    for (let tMs = query.fromMs; tMs <= query.toMs; tMs += TIMING.stepMs) {
      await new Promise((resolve) => setImmediate(resolve));
      const expected = expectationsAt(truth, endpoint, query, tMs, TIMING);
      // Each side reads each replica at its own instants within an edge: 150 seeded draws of them.
      const draw = (k: number, edgeMs: number, what: string) =>
        bucketsAt(edgeMs - TIMING.edgeMs + Math.floor(unit("two-replicas", tMs, k, what) * 2 * TIMING.edgeMs));
      const sums = Array.from({ length: 150 }, (_, k) => {
        const [start, end] = [draw(k, tMs - TIMING.stepMs, "start"), draw(k, tMs, "end")];
        const summed = new Map<string, number>();
        for (const [replica, buckets] of end)
          for (const [le, count] of buckets)
            summed.set(le, (summed.get(le) ?? 0) + count - (start.get(replica)?.get(le) ?? 0));
        return [...summed].map(([le, count]) => ({ le: le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le), count }));
      });
      expect(new Set(sums.map((buckets) => buckets.length)).size, "every draw reads both replicas").toBe(1);
      QUANTILES.forEach(({ q, name }) => {
        const want = expected.get(name);
        if (want?.kind !== "value") return;
        const values = sums.map((buckets) => histogramQuantile(q, buckets)).filter((v): v is number => v !== null);
        const [low, high] = [Math.min(...values), Math.max(...values)];
        expect(withinAllowance(low, high, want.allowance), `${name} at ${tMs}: ${low}…${high}, ${want.allowance}`).toBe(
          true,
        );
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(12);
  }, 120_000);
});
