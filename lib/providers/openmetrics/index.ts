export { createOpenMetricsProvider, OPENMETRICS_ACCEPT } from "./provider";
export { normalizeOpenMetrics } from "./normalize";
