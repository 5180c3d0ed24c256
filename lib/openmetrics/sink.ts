import type { MetricType } from "./types";

/** Where the line readers deliver what they read; the strict and tolerant families group it. */
export interface ExpositionSink {
  help(name: string, text: string, line: number): void;
  type(name: string, type: MetricType, line: number): void;
  unit(name: string, unit: string, line: number): void;
  sample(
    name: string,
    labels: Record<string, string>,
    value: number,
    timestampMs: number | null,
    /** The timestamp as written (seconds in OpenMetrics); NaN when absent. */
    rawTimestamp: number,
    hasExemplar: boolean,
    line: number,
  ): void;
}
