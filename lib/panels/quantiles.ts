/** The quantiles every latency-like panel answers (latency, time to first token, inter-token latency). */
export const QUANTILES = [
  { name: "p50", q: 0.5, label: "0.5" },
  { name: "p90", q: 0.9, label: "0.9" },
  { name: "p95", q: 0.95, label: "0.95" },
  { name: "p99", q: 0.99, label: "0.99" },
] as const;

export type QuantileName = (typeof QUANTILES)[number]["name"];

export const QUANTILE_COLORS: Record<QuantileName, string> = {
  p50: "#0ea5e9",
  p90: "#8b5cf6",
  p95: "#d946ef",
  p99: "#f43f5e",
};

/** The spread drawn behind the quantile lines. */
export const QUANTILE_BAND = { low: "p50", high: "p99", color: "#8b5cf6" } as const;
