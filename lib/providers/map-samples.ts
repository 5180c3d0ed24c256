import "server-only";
import { AVERAGED_METRICS, type CanonicalMetric, type CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";

/** How one upstream sample name becomes a canonical series. */
export interface SampleRule {
  metric: CanonicalMetric;
  /** Extra labels besides `replica`; null skips the sample (e.g. a bucket without `le`). */
  labels?: (sample: Sample) => Record<string, string> | null;
  /** Unit conversion, e.g. 1000 for seconds → ms or 100 for a fraction → percent. */
  scale?: number;
  /** Renamed families feed one canonical series: only the highest rank present in a scrape is kept. */
  rank?: number;
}

/** Samples by name, optionally only those whose labels include `where`. */
export interface SampleSelector {
  name: string;
  where?: Readonly<Record<string, string>>;
}

/** A canonical series computed from two sample sets, paired by their other labels: numerator ÷ Σ denominator. */
export interface RatioRule extends SampleRule {
  numerator: SampleSelector;
  /** Terms added up into the denominator, e.g. DCGM's used + free. */
  denominator: readonly SampleSelector[];
}

/** Rules by sample name; several when one family feeds several series (told apart by their labels). */
export type SampleRules = Readonly<Record<string, SampleRule | readonly SampleRule[]>>;

export interface RuleSet {
  samples: SampleRules;
  ratios?: readonly RatioRule[];
}

export interface MapContext {
  /** Used for samples that carry no timestamp of their own. */
  scrapedAtMs: number;
  replicaOf: (sample: Sample) => string;
}

interface Ranked {
  sample: CanonicalSample;
  rank: number;
}

function toRanked(rule: SampleRule, source: Sample, value: number, context: MapContext): Ranked | null {
  const scaled = value * (rule.scale ?? 1);
  const extra = rule.labels ? rule.labels(source) : {};
  if (!Number.isFinite(scaled) || extra === null) return null;
  const sample = {
    metric: rule.metric,
    labels: { ...extra, replica: context.replicaOf(source) },
    value: scaled,
    timestampMs: Math.round(source.timestampMs ?? context.scrapedAtMs),
  };
  return { sample, rank: rule.rank ?? 0 };
}

function mapRanked(families: readonly MetricFamily[], rules: SampleRules, context: MapContext): Ranked[] {
  const out: Ranked[] = [];
  for (const family of families) {
    for (const sample of family.samples) {
      const found = Object.hasOwn(rules, sample.name) ? rules[sample.name] : undefined;
      for (const rule of found === undefined ? [] : Array.isArray(found) ? found : [found]) {
        const ranked = toRanked(rule, sample, sample.value, context);
        if (ranked) out.push(ranked);
      }
    }
  }
  return out;
}

/**
 * Maps samples by their own name (not the family's: parsers disagree on `_total` family names),
 * using each sample's timestamp when present. NaN and ±Inf values are gaps, so they are dropped.
 */
export function mapSamples(
  families: readonly MetricFamily[],
  rules: SampleRules,
  context: MapContext,
): CanonicalSample[] {
  return mapRanked(families, rules, context).map((ranked) => ranked.sample);
}

/** A label set as an unambiguous string, `omit`ted names aside: names sorted, every part length-prefixed. */
function keyOf(labels: Readonly<Record<string, string>>, omit: (name: string) => boolean): string {
  let key = "";
  for (const name of Object.keys(labels).sort()) {
    if (omit(name)) continue;
    const value = labels[name] ?? "";
    key += `${name.length}:${name}${value.length}:${value}`;
  }
  return key;
}

function selected(families: readonly MetricFamily[], selector: SampleSelector): Sample[] {
  const where = Object.entries(selector.where ?? {});
  return families.flatMap((family) =>
    family.samples.filter((s) => s.name === selector.name && where.every(([k, v]) => s.labels[k] === v)),
  );
}

function ratioRanked(families: readonly MetricFamily[], rule: RatioRule, context: MapContext): Ranked[] {
  const pairKey = (sample: Sample, selector: SampleSelector) =>
    keyOf(sample.labels, (name) => Object.hasOwn(selector.where ?? {}, name));
  const terms = rule.denominator.map(
    (selector) => new Map(selected(families, selector).map((s) => [pairKey(s, selector), s.value])),
  );
  const out: Ranked[] = [];
  for (const numerator of selected(families, rule.numerator)) {
    const key = pairKey(numerator, rule.numerator);
    const total = terms.reduce((sum, term) => sum + (term.get(key) ?? Number.NaN), 0);
    const ranked = total > 0 ? toRanked(rule, numerator, numerator.value / total, context) : null;
    if (ranked) out.push(ranked);
  }
  return out;
}

/**
 * Maps, then folds: of renamed families only the highest rank per series (labels but `le`, so no histogram
 * mixes two families) is kept; samples landing on one series (engines, handlers, ranks) are summed, or
 * averaged for fractions, at their latest timestamp.
 */
export function mapAndFold(families: readonly MetricFamily[], rules: RuleSet, context: MapContext): CanonicalSample[] {
  const ranked = [
    ...mapRanked(families, rules.samples, context),
    ...(rules.ratios ?? []).flatMap((rule) => ratioRanked(families, rule, context)),
  ];
  // Each sample's keys are built once: a backfill folds millions of samples.
  const keyed = ranked.map((r) => {
    const histogram = `${r.sample.metric} ${keyOf(r.sample.labels, (name) => name === "le")}`;
    const { le } = r.sample.labels;
    return { r, histogram, series: le === undefined ? histogram : `${histogram} ${le.length}:${le}` };
  });
  const bestRank = new Map<string, number>();
  for (const { r, histogram } of keyed) bestRank.set(histogram, Math.max(r.rank, bestRank.get(histogram) ?? r.rank));
  const folded = new Map<string, { sample: CanonicalSample; count: number }>();
  for (const { r, histogram, series } of keyed) {
    if (r.rank !== bestRank.get(histogram)) continue;
    const seen = folded.get(series);
    if (!seen) {
      folded.set(series, { sample: { ...r.sample }, count: 1 });
      continue;
    }
    seen.sample.value += r.sample.value;
    seen.sample.timestampMs = Math.max(seen.sample.timestampMs, r.sample.timestampMs);
    seen.count += 1;
  }
  return [...folded.values()].map(({ sample, count }) =>
    AVERAGED_METRICS.has(sample.metric) ? { ...sample, value: sample.value / count } : sample,
  );
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A histogram bound as a canonical label: "5.0" → "5", "+Inf" kept; `scale` converts units, rounded
 * to 12 significant digits so float noise ("0.00015000000000000001" s → "0.15" ms) stays out of labels.
 */
export function canonicalLe(le: string | undefined, scale = 1): string | null {
  if (le === undefined) return null;
  if (le === "+Inf") return "+Inf";
  // Number() alone would accept "", "0x10" and " 1 ".
  return FLOAT.test(le) ? String(Number((Number(le) * scale).toPrecision(12))) : null;
}

const MAX_CACHED_BOUNDS = 4096;

/** Labels for a histogram bucket sample, or null (skip) when its `le` is unreadable. */
export function leLabels(scale = 1): (sample: Sample) => Record<string, string> | null {
  // A server prints the same few bounds in every scrape: convert each once.
  const cache = new Map<string | undefined, string | null>();
  return (sample) => {
    let le = cache.get(sample.labels.le);
    if (le === undefined) {
      if (cache.size >= MAX_CACHED_BOUNDS) cache.clear();
      le = canonicalLe(sample.labels.le, scale);
      cache.set(sample.labels.le, le);
    }
    return le === null ? null : { le };
  };
}
