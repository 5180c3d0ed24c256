import "server-only";
export { createOpenMetricsProvider, OPENMETRICS_ACCEPT } from "./provider";
export { normalizeOpenMetrics } from "./normalize";
export { normalizeGpuExporter } from "./dcgm";
export { detectServer, DetectedServerSchema, type DetectedServer } from "./detect";
