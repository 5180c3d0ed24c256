import "server-only";
import type { SourceConfig } from "@/lib/config/schema";
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from "@/lib/http";
import { createDatabricksProvider } from "./databricks";
import { withDistinctIds } from "./endpoint-id";
import { createHuggingFaceProvider } from "./huggingface";
import { createOpenMetricsProvider } from "./openmetrics";
import type { SourceProvider } from "./types";

export interface ProviderOptions {
  /** Timeouts, body cap, retries and the fetch implementation; defaults suit production. */
  http?: Partial<HttpOptions>;
}

/** The provider for one configured source; its endpoints' ids are distinct whatever their names. */
export function createProvider(source: SourceConfig, options: ProviderOptions = {}): SourceProvider {
  const provider = createPlatformProvider(source, { ...DEFAULT_HTTP_OPTIONS, ...options.http });
  return { ...provider, discover: async (signal) => withDistinctIds(await provider.discover(signal)) };
}

function createPlatformProvider(source: SourceConfig, http: HttpOptions): SourceProvider {
  switch (source.kind) {
    case "databricks":
      return createDatabricksProvider(source, http);
    case "huggingface":
      return createHuggingFaceProvider(source, http);
    case "openmetrics":
      return createOpenMetricsProvider(source, http);
  }
}

export { normalizeDatabricks } from "./databricks";
export { normalizeHuggingFace } from "./huggingface";
export { normalizeOpenMetrics } from "./openmetrics";
export { NO_METRICS_MESSAGE } from "./explain-status";
