import type { CanonicalSample } from "@/lib/model/canonical";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { QUANTILES } from "@/lib/panels/quantiles";
import { histogramQuantile } from "@/lib/query/histogram-quantile";
import type { PanelQuery } from "@/lib/query/types";
import { PLATEAU_MS, plateauOf } from "@/lib/simulation/plateau";
import { panelModelOf, type PanelModel, type Reduce } from "@/test-support/panel-members";
import { NO_EXTRAPOLATION, type RateFactor } from "@/test-support/prometheus-rate-factor";
import { seriesKeyOf, type ServedTruth, type SimulatedTarget } from "@/test-support/simulated-truth";

/** What the schedule says both sides must answer at one grid point of one series. */
export type Expectation =
  { kind: "value"; allowance: number } | { kind: "gap" } | { kind: "undecided"; reason: string };

export interface Timing {
  stepMs: number;
  scrapeMs: number;
  /** How far from a window's edge a side's edge sample may lie: a scrape interval, plus one late scrape. */
  edgeMs: number;
}

/** |a − b| may reach 1 % of the larger plus the schedule's allowance; the rest of the margin is float noise. */
export function marginOf(a: number, b: number, allowance: number): number {
  return 0.01 * Math.max(Math.abs(a), Math.abs(b)) + allowance + 1e-9;
}

export function withinAllowance(a: number, b: number, allowance: number): boolean {
  return Math.abs(a - b) <= marginOf(a, b, allowance);
}

/** Counter quantisation is resolved to this: a side's edge instant lies between two renders this far apart. */
const RENDER_GRID_MS = 10;
const MINUTE_MS = 60_000;

interface Plateau {
  startMs: number;
  samples: ReadonlyMap<string, CanonicalSample>;
  /** Samples a side nominally takes in it within the window (t − step, t]; 0 for a plateau at an edge. */
  nominal: number;
  inWindowMs: number;
}

const byKeyCache = new WeakMap<readonly CanonicalSample[], Map<string, CanonicalSample>>();

function byKey(samples: readonly CanonicalSample[]): Map<string, CanonicalSample> {
  let map = byKeyCache.get(samples);
  if (!map) byKeyCache.set(samples, (map = new Map(samples.map((s) => [seriesKeyOf(s), s]))));
  return map;
}

/** The 15 s plateaus touching [t − step − edge, t + edge], each read once (gauges and replicas hold within one). */
function plateausAround(truth: ServedTruth, target: SimulatedTarget, tMs: number, timing: Timing): Plateau[] {
  const out: Plateau[] = [];
  for (let k = plateauOf(tMs - timing.stepMs - timing.edgeMs); k <= plateauOf(tMs + timing.edgeMs); k += 1) {
    const startMs = k * PLATEAU_MS;
    const inWindowMs = Math.max(0, Math.min(startMs + PLATEAU_MS, tMs) - Math.max(startMs, tMs - timing.stepMs));
    const samples = byKey(truth.samplesAt(target, startMs + PLATEAU_MS / 2));
    out.push({ startMs, samples, nominal: inWindowMs / timing.scrapeMs, inWindowMs });
  }
  return out;
}

/**
 * Sample counts per plateau a side may hold in one window: the nominal share, one more or fewer in
 * each plateau inside it, one from a plateau beyond either edge (a scrape stamped just before a
 * boundary and served just after it), and a total within one of step ÷ scrape.
 */
function sampleCounts(plateaus: readonly Plateau[], timing: Timing): number[][] {
  const total = timing.stepMs / timing.scrapeMs;
  let counts: number[][] = [[]];
  for (const p of plateaus) {
    const options = p.nominal > 0 ? [p.nominal - 1, p.nominal, p.nominal + 1] : [0, 1];
    counts = counts.flatMap((prefix) => options.map((n) => [...prefix, n]));
  }
  return counts.filter((c) => Math.abs(c.reduce((a, b) => a + b, 0) - total) <= 1);
}

/** A served series feeding a panel series (or, counting replicas, a replica): its value in each plateau. */
interface Member {
  replica: string;
  sample: CanonicalSample;
  values: (number | undefined)[];
}

function membersOf(model: PanelModel, plateaus: readonly Plateau[]): Map<string, Map<string, Member>> {
  const out = new Map<string, Map<string, Member>>();
  plateaus.forEach((p, k) => {
    for (const [key, sample] of p.samples) {
      const { replica } = sample.labels;
      for (const name of model.seriesOf(sample)) {
        const memberKey = model.reduce === "count" ? replica : key;
        let members = out.get(name);
        if (!members) out.set(name, (members = new Map()));
        let member = members.get(memberKey);
        if (!member) members.set(memberKey, (member = { replica, sample, values: plateaus.map(() => undefined) }));
        member.values[k] = model.reduce === "count" ? 1 : sample.value;
      }
    }
  });
  return out;
}

function windowValue(members: Iterable<Member>, counts: readonly number[], reduce: Reduce) {
  const means: number[] = [];
  for (const { values } of members) {
    let n = 0;
    let sum = 0;
    values.forEach((v, k) => {
      const c = counts[k] ?? 0;
      if (v !== undefined && c > 0) [n, sum] = [n + c, sum + c * v];
    });
    if (n > 0) means.push(sum / n);
  }
  if (means.length === 0) return null;
  const total = means.reduce((a, b) => a + b, 0);
  return reduce === "mean" ? total / means.length : reduce === "count" ? means.length : total;
}

/** Presence decides first: served inside the window → both answer; nowhere → neither; only beyond an edge → either. */
function presenceOf(members: Iterable<Member>, plateaus: readonly Plateau[]): Expectation | null {
  let edgeOnly = false;
  for (const { values } of members) {
    if (values.some((v, k) => v !== undefined && (plateaus[k]?.inWindowMs ?? 0) > 0)) return null;
    if (values.some((v) => v !== undefined)) edgeOnly = true;
  }
  return edgeOnly ? { kind: "undecided", reason: "served only beyond the window's edge" } : { kind: "gap" };
}

function gaugeExpectation(members: Map<string, Member>, plateaus: Plateau[], counts: number[][], reduce: Reduce) {
  const presence = presenceOf(members.values(), plateaus);
  if (presence) return presence;
  const values = counts.map((c) => windowValue(members.values(), c, reduce));
  if (values.some((v) => v === null))
    return { kind: "undecided", reason: "a sample more or fewer empties it" } as const;
  const known = values as number[];
  return { kind: "value", allowance: Math.max(...known) - Math.min(...known) } as const;
}

interface Context {
  truth: ServedTruth;
  target: SimulatedTarget;
  tMs: number;
  timing: Timing;
  model: PanelModel;
  factor: RateFactor;
}

/**
 * The series one scraper reads at one instant: a Hugging Face endpoint serves all its replicas in
 * one answer; each self-hosted replica is a target of its own, scraped at its own instants.
 */
function scrapeUnitOf(ctx: Context, member: Member): string {
  return ctx.target.provider === "openmetrics" ? member.replica : "";
}

/** Steady rate bounds of each scrape unit, added up: the units' instants are independent. */
function unitRateBounds(ctx: Context, members: ReadonlyMap<string, Member>, keys: readonly string[]) {
  const byUnit = new Map<string, string[]>();
  for (const key of keys) {
    const unit = scrapeUnitOf(ctx, members.get(key)!);
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), key]);
  }
  let [low, high] = [0, 0];
  for (const unitKeys of byUnit.values()) {
    const bounds = steadyRateBounds(ctx, unitKeys);
    [low, high] = [low + bounds.low, high + bounds.high];
  }
  return { low, high };
}

function valueAt(ctx: Context, key: string, atMs: number): number | undefined {
  return byKey(ctx.truth.samplesAt(ctx.target, atMs)).get(key)?.value;
}

function gridFrom(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let at = fromMs; at <= toMs + RENDER_GRID_MS; at += RENDER_GRID_MS) out.push(at);
  return out;
}

/**
 * Bounds of Σ (C(e) − C(s)) ÷ (e − s) over the steady counters, s and e anywhere within `edgeMs` of
 * the window's edges, C as served (integers: quantisation included). Counters only grow, so the
 * renders either side of each instant bound it.
 */
function steadyRateBounds(ctx: Context, keys: readonly string[]): { low: number; high: number } {
  const { tMs, timing } = ctx;
  const starts = gridFrom(tMs - timing.stepMs - timing.edgeMs, tMs - timing.stepMs + timing.edgeMs);
  const ends = gridFrom(tMs - timing.edgeMs, tMs + timing.edgeMs);
  const sum = (atMs: number) => keys.reduce((total, key) => total + (valueAt(ctx, key, atMs) ?? 0), 0);
  const [sa, sb] = [starts.map(sum), ends.map(sum)];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < starts.length; i += 1) {
    for (let j = 0; j + 1 < ends.length; j += 1) {
      const spanMs = (ends[j] as number) - (starts[i] as number);
      high = Math.max(high, (((sb[j + 1] as number) - (sa[i] as number)) * 1000) / (spanMs - RENDER_GRID_MS));
      low = Math.min(low, (((sb[j] as number) - (sa[i + 1] as number)) * 1000) / (spanMs + RENDER_GRID_MS));
    }
  }
  return { low, high };
}

/** Requests a counter counted over the span, through resets (restarts fall on plateau boundaries). */
function increaseOver(ctx: Context, key: string, plateaus: readonly Plateau[]): number {
  const { tMs, timing } = ctx;
  const [fromMs, toMs] = [tMs - timing.stepMs - timing.edgeMs, tMs + timing.edgeMs];
  const instants = [fromMs, ...plateaus.flatMap((p) => [p.startMs - 1, p.startMs]), toMs].filter(
    (at) => at >= fromMs && at <= toMs,
  );
  let total = 0;
  let previous: number | undefined;
  for (const at of instants.sort((a, b) => a - b)) {
    const value = valueAt(ctx, key, at);
    if (value !== undefined && previous !== undefined) total += value >= previous ? value - previous : value;
    previous = value;
  }
  return total;
}

/**
 * A counter served all through [t − step − edge, t + edge] by one process is steady: its rate is
 * bounded on the render grid. Any other (replica started, stopped or restarted) may differ by its
 * whole rate: Prometheus extrapolates it to the window's edges, the others divide by the time seen.
 */
function counterExpectation(members: Map<string, Member>, plateaus: Plateau[], ctx: Context): Expectation {
  const presence = presenceOf(members.values(), plateaus);
  if (presence) return presence;
  const { tMs, timing } = ctx;
  const spanStartMs = tMs - timing.stepMs - timing.edgeMs;
  const processStarts = ctx.truth.processStartsAt(ctx.target, tMs + timing.edgeMs);
  const steady: string[] = [];
  let unsteady = 0;
  for (const [key, { replica, values }] of members) {
    if (values.every((v) => v !== undefined) && (processStarts.get(replica) ?? tMs) <= spanStartMs) {
      steady.push(key);
      continue;
    }
    const seenMs = plateaus.reduce((ms, p, k) => ms + (values[k] === undefined ? 0 : p.inWindowMs), 0);
    if (seenMs === 0) continue;
    unsteady += (increaseOver(ctx, key, plateaus) * 1000) / Math.max(timing.scrapeMs, seenMs - 2 * timing.edgeMs);
  }
  const { low, high } = steady.length > 0 ? unitRateBounds(ctx, members, steady) : { low: 0, high: 0 };
  // A counter near zero may be stretched to its zero only: the lower factor applies then.
  const nearZero = steady.some((key) => {
    const first = valueAt(ctx, key, spanStartMs) ?? 0;
    const grown = (valueAt(ctx, key, tMs + timing.edgeMs) ?? 0) - first;
    return first * (timing.stepMs - 2 * timing.edgeMs) < grown * 2 * timing.edgeMs;
  });
  const lowest = Math.min(low, low * (nearZero ? ctx.factor.min : ctx.factor.max));
  const highest = Math.max(high, high * ctx.factor.max);
  return { kind: "value", allowance: highest - lowest + unsteady };
}

/** A replica restarted (its counters reset) within the window's span, edges included. */
function restartedWithin(members: ReadonlyMap<string, Member>, ctx: Context): boolean {
  const spanStartMs = ctx.tMs - ctx.timing.stepMs - ctx.timing.edgeMs;
  const starts = ctx.truth.processStartsAt(ctx.target, ctx.tMs + ctx.timing.edgeMs);
  return [...members.values()].some(({ replica }) => (starts.get(replica) ?? ctx.tMs) > spanStartMs);
}

const parseLe = (le: string | undefined) => (le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le));

/** The distinct values of `vectorAt` over instants, in time order (counters change only where an observation lands). */
function distinctVectors(instants: readonly number[], vectorAt: (atMs: number) => number[]) {
  const seen = new Map<string, number[]>();
  for (const at of instants) {
    const vector = vectorAt(at);
    seen.set(vector.join(","), vector);
  }
  return [...seen.values()];
}

/**
 * Combinations beyond which several replicas' are not enumerated: the product of each replica's
 * window counts, times three weights for each but the first (two replicas of 144 windows each).
 */
const ENUMERATED_COMBINATIONS = 144 * 3 * 144;

/** Quantile ranges so far (in QUANTILES order), and how many combinations came out empty or not. */
interface QuantileRange {
  low: number[];
  high: number[];
  empty: number;
  full: number;
}

/** Window counts (in `les` order) whose +Inf bucket counted something. */
const observed = (counts: number[]) => (counts.at(-1) ?? 0) > 0;

/** Widens `range` by the quantiles of one combination's window counts (in `les` order). */
function widen(range: QuantileRange, counts: number[], les: number[]): void {
  if (!observed(counts)) {
    range.empty += 1;
    return;
  }
  range.full += 1;
  const buckets = les.map((le, b) => ({ le, count: counts[b] ?? 0 }));
  QUANTILES.forEach(({ q }, k) => {
    const value = histogramQuantile(q, buckets) ?? Number.NaN;
    [range.low[k], range.high[k]] = [Math.min(range.low[k]!, value), Math.max(range.high[k]!, value)];
  });
}

/**
 * Every combination of the replicas' window counts, each replica but the first weighted by each of
 * `weights` (only their relative weight moves a quantile).
 */
function enumerated(windows: number[][][], les: number[], weights: number[], range: QuantileRange): void {
  const visit = (replica: number, counts: number[]) => {
    const options = windows[replica];
    if (!options) return widen(range, counts, les);
    for (const w of replica === 0 ? [1] : weights)
      for (const window of options)
        visit(
          replica + 1,
          counts.map((count, b) => count + w * (window[b] ?? 0)),
        );
  };
  visit(
    0,
    les.map(() => 0),
  );
}

/**
 * Where enumerating is too costly: the quantile of summed buckets lies between the least and the
 * greatest quantile of the summands with observations, whatever their weights (the summed,
 * interpolated CDF is a weighted mean of theirs). Wider than the combinations', never short of them.
 */
function mixture(windows: number[][][], les: number[], range: QuantileRange): void {
  for (const options of windows) for (const counts of options) if (observed(counts)) widen(range, counts, les);
  // Every replica able to come out empty leaves a combination without observations.
  if (windows.every((options) => options.some((counts) => !observed(counts)))) range.empty += 1;
}

/**
 * Quantiles of cumulative buckets summed over replicas. Each replica's window counts are its
 * buckets' increases between any instants within `edgeMs` of the window's edges (its own scrape
 * instants: every distinct value on the render grid), and replicas are weighted against each other
 * by as much as their spans and Prometheus' extrapolation may differ; the allowance is the spread
 * of each quantile over every combination, or the mixture's bounds where they are too many. Some
 * combination without observations: either.
 */
function quantileExpectations(members: Map<string, Member>, plateaus: Plateau[], ctx: Context) {
  const out = new Map<string, Expectation>();
  const names = QUANTILES.map((quantile) => quantile.name);
  const presence = presenceOf(members.values(), plateaus);
  const settled =
    presence ?? (restartedWithin(members, ctx) ? { kind: "undecided", reason: "a replica restarted" } : null);
  if (settled) return new Map(names.map((name) => [name, settled as Expectation]));
  const { tMs, timing } = ctx;
  const les = [...new Set([...members.values()].map(({ sample }) => parseLe(sample.labels.le)))].sort((x, y) => x - y);
  const byReplica = new Map<string, Member[]>();
  for (const member of members.values())
    byReplica.set(member.replica, [...(byReplica.get(member.replica) ?? []), member]);
  const starts = gridFrom(tMs - timing.stepMs - timing.edgeMs, tMs - timing.stepMs + timing.edgeMs);
  const ends = gridFrom(tMs - timing.edgeMs, tMs + timing.edgeMs);
  // Per replica: every distinct window count per bound (in `les` order).
  const windows = [...byReplica.values()].map((buckets) => {
    const vectorAt = (atMs: number) =>
      les.map((le) =>
        buckets
          .filter(({ sample }) => parseLe(sample.labels.le) === le)
          .reduce((sum, { sample }) => sum + (valueAt(ctx, seriesKeyOf(sample), atMs) ?? 0), 0),
      );
    const from = distinctVectors(starts, vectorAt);
    const to = distinctVectors(ends, vectorAt);
    return from.flatMap((start) => to.map((end) => end.map((count, b) => count - (start[b] ?? 0))));
  });
  const spread =
    ((timing.stepMs + 2 * timing.edgeMs) / (timing.stepMs - 2 * timing.edgeMs)) * (ctx.factor.max / ctx.factor.min);
  const weights = [1 / spread, 1, spread];
  const range: QuantileRange = { low: names.map(() => Infinity), high: names.map(() => -Infinity), empty: 0, full: 0 };
  const combinations = windows.reduce((n, options, i) => n * options.length * (i === 0 ? 1 : weights.length), 1);
  if (windows.length === 1 || combinations <= ENUMERATED_COMBINATIONS) enumerated(windows, les, weights, range);
  else mixture(windows, les, range);
  const { low, high, empty, full } = range;
  names.forEach((name, k) => {
    const expectation: Expectation =
      full === 0
        ? { kind: "gap" }
        : empty > 0
          ? { kind: "undecided", reason: "some edge leaves it without observations" }
          : { kind: "value", allowance: high[k]! - low[k]! };
    out.set(name, expectation);
  });
  return out;
}

/** 100 × Σ rate(hits) ÷ Σ rate(lookups): the quotient of the bounds of both, stretched by Prometheus' factor. */
function ratioExpectation(members: Map<string, Member>, plateaus: Plateau[], ctx: Context): Expectation {
  const presence = presenceOf(members.values(), plateaus);
  if (presence) return presence;
  if (restartedWithin(members, ctx)) return { kind: "undecided", reason: "a replica restarted" };
  const keysOf = (metric: string) => [...members].filter(([, m]) => m.sample.metric === metric).map(([key]) => key);
  const hits = unitRateBounds(ctx, members, keysOf("prefix_cache_hits_total"));
  const lookups = unitRateBounds(ctx, members, keysOf("prefix_cache_queries_total"));
  const [lookupsLow, lookupsHigh] = [lookups.low * ctx.factor.min, lookups.high * ctx.factor.max];
  if (lookupsHigh <= 0) return { kind: "gap" };
  if (lookupsLow <= 0) return { kind: "undecided", reason: "an edge leaves it without lookups" };
  const high = (100 * hits.high * ctx.factor.max) / lookupsLow;
  const low = (100 * hits.low * ctx.factor.min) / lookupsHigh;
  return { kind: "value", allowance: high - low };
}

/** Databricks stamps each per-minute sample with its minute: both sides hold exactly the same samples. */
function databricksExpectations(ctx: Context): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  const { tMs, timing } = ctx;
  for (let m = Math.floor(tMs / MINUTE_MS) * MINUTE_MS; m > tMs - timing.stepMs; m -= MINUTE_MS) {
    for (const sample of ctx.truth.samplesAt(ctx.target, m)) {
      if (sample.timestampMs !== m) continue;
      for (const name of ctx.model.seriesOf(sample)) out.set(name, { kind: "value", allowance: 0 });
    }
  }
  return out;
}

/**
 * For each series the schedule serves around grid point t, what both sides must answer: a value
 * (within 1 % + `allowance` of each other), a gap, or — where it hangs on a scrape's exact instant —
 * either. Series absent from the map are gaps. Independent of both sides' answers.
 */
export function expectationsAt(
  truth: ServedTruth,
  endpoint: DiscoveredEndpoint,
  query: PanelQuery,
  tMs: number,
  timing: Timing,
  factor: RateFactor = NO_EXTRAPOLATION,
): Map<string, Expectation> {
  const target = { provider: endpoint.provider as SimulatedTarget["provider"], name: endpoint.name };
  const model = panelModelOf(endpoint, query);
  const ctx: Context = { truth, target, tMs, timing, model, factor };
  const out = target.provider === "databricks" ? databricksExpectations(ctx) : scrapedExpectations(ctx);
  for (const name of model.constants) out.set(name, { kind: "value", allowance: 0 });
  return out;
}

/** Hugging Face and self-hosted servers: scraped whenever a side polls, gauges holding for a plateau. */
function scrapedExpectations(ctx: Context): Map<string, Expectation> {
  const plateaus = plateausAround(ctx.truth, ctx.target, ctx.tMs, ctx.timing);
  const counts = sampleCounts(plateaus, ctx.timing);
  const { reduce } = ctx.model;
  const out = new Map<string, Expectation>();
  const groups = membersOf(ctx.model, plateaus);
  // Every quantile series is fed by the same buckets: their combinations are enumerated once.
  if (reduce === "quantile") {
    const [members] = groups.values();
    return members ? quantileExpectations(members, plateaus, ctx) : out;
  }
  for (const [name, members] of groups) {
    const expectation =
      reduce === "rate"
        ? counterExpectation(members, plateaus, ctx)
        : reduce === "ratio"
          ? ratioExpectation(members, plateaus, ctx)
          : gaugeExpectation(members, plateaus, counts, reduce);
    out.set(name, expectation);
  }
  return out;
}
