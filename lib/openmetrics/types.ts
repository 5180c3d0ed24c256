/** Output types of the exposition parser. Pure data: no I/O, no React. */

export type MetricType =
  | "counter"
  | "gauge"
  | "histogram"
  | "gaugehistogram"
  | "summary"
  | "stateset"
  | "info"
  | "unknown"
  /** Prometheus text 0.0.4's name for "unknown". */
  | "untyped";

export type ExpositionFormat = "openmetrics" | "prometheus";

export interface Sample {
  /** Full sample name, e.g. `request_latency_ms_bucket`. */
  name: string;
  labels: Record<string, string>;
  /** NaN and ±Infinity are legal values. */
  value: number;
  /** Milliseconds since the epoch (OpenMetrics seconds are converted), or null when absent. */
  timestampMs: number | null;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  unit: string | null;
  help: string | null;
  samples: Sample[];
}

export interface ParseIssue {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export interface ParseResult {
  format: ExpositionFormat;
  families: MetricFamily[];
  /** Lines skipped in tolerant mode; always empty in strict mode (it throws instead). */
  errors: ParseIssue[];
}

export interface ParseOptions {
  /** The upstream's Content-Type header; picks the format. Detected from the text when absent. */
  contentType?: string | null;
  /** OpenMetrics 1.0 exactly, as its conformance suite demands: throws ParseError on the first error. */
  strict?: boolean;
}
