import type { MetricType } from "./types";

/** The TYPE words OpenMetrics 1.0 allows (`untyped` is Prometheus text 0.0.4 only). */
export const OPENMETRICS_TYPES: ReadonlySet<MetricType> = new Set<MetricType>([
  "counter",
  "gauge",
  "histogram",
  "gaugehistogram",
  "summary",
  "stateset",
  "info",
  "unknown",
]);

/** Every TYPE word the tolerant mode accepts, in either format. */
export const ALL_TYPES: ReadonlySet<MetricType> = new Set<MetricType>([...OPENMETRICS_TYPES, "untyped"]);

/** `word` as a MetricType when `allowed` has it. */
export function toMetricType(word: string, allowed: ReadonlySet<MetricType>): MetricType | null {
  return (allowed as ReadonlySet<string>).has(word) ? (word as MetricType) : null;
}

/** Sample-name suffixes each type owns in OpenMetrics 1.0; "" is the family name itself. */
export const OPENMETRICS_SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ["_total", "_created"],
  gauge: [""],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  summary: ["", "_count", "_sum", "_created"],
  stateset: [""],
  info: ["_info"],
  unknown: [""],
  untyped: [""],
};

/**
 * What real servers send: Prometheus text names counters and info metrics without a suffix
 * (Hugging Face's `http_requests`), so the tolerant mode lets those families own their bare name too.
 */
export const TOLERANT_SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  ...OPENMETRICS_SUFFIXES,
  counter: ["", "_total", "_created"],
  info: ["", "_info"],
};

/** True when `sampleName` is `familyName` followed by one of `suffixes`. */
export function hasFamilySuffix(sampleName: string, familyName: string, suffixes: readonly string[]): boolean {
  if (!sampleName.startsWith(familyName)) return false;
  const suffixLength = sampleName.length - familyName.length;
  for (const suffix of suffixes) {
    if (suffix.length === suffixLength && sampleName.endsWith(suffix)) return true;
  }
  return false;
}
