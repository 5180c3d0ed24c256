import type { CanonicalMetric, CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily, Sample } from "@/lib/openmetrics/types";

/** How one upstream sample name becomes a canonical series. */
export interface SampleRule {
  metric: CanonicalMetric;
  /** Extra labels besides `replica`; null skips the sample (e.g. a bucket without `le`). */
  labels?: (sample: Sample) => Record<string, string> | null;
  /** Unit conversion, e.g. 1000 for seconds → ms or 100 for a fraction → percent. */
  scale?: number;
}

export interface MapContext {
  /** Used for samples that carry no timestamp of their own. */
  scrapedAtMs: number;
  replicaOf: (sample: Sample) => string;
}

/**
 * Maps samples by their own name (not the family's: parsers disagree on `_total` family names),
 * using each sample's timestamp when present. NaN and ±Inf values are gaps, so they are dropped.
 */
export function mapSamples(
  families: readonly MetricFamily[],
  rules: Readonly<Record<string, SampleRule>>,
  context: MapContext,
): CanonicalSample[] {
  const out: CanonicalSample[] = [];
  for (const family of families) {
    for (const sample of family.samples) {
      const rule = Object.hasOwn(rules, sample.name) ? rules[sample.name] : undefined;
      if (!rule) continue;
      const value = sample.value * (rule.scale ?? 1);
      const extra = rule.labels ? rule.labels(sample) : {};
      if (!Number.isFinite(value) || extra === null) continue;
      out.push({
        metric: rule.metric,
        labels: { ...extra, replica: context.replicaOf(sample) },
        value,
        timestampMs: Math.round(sample.timestampMs ?? context.scrapedAtMs),
      });
    }
  }
  return out;
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A histogram bound as a canonical label: "5.0" → "5", "+Inf" kept; `scale` converts units. */
export function canonicalLe(le: string | undefined, scale = 1): string | null {
  if (le === undefined) return null;
  if (le === "+Inf") return "+Inf";
  // Number() alone would accept "", "0x10" and " 1 ".
  return FLOAT.test(le) ? String(Number(le) * scale) : null;
}

/** Labels for a histogram bucket sample, or null (skip) when its `le` is unreadable. */
export function leLabels(scale = 1): (sample: Sample) => Record<string, string> | null {
  return (sample) => {
    const le = canonicalLe(sample.labels.le, scale);
    return le === null ? null : { le };
  };
}
