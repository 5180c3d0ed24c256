import "server-only";
import { z } from "zod";
import { ConfigError } from "@/lib/config/load";

/**
 * What one upstream can make the collector hold. The defaults are far above what real endpoints
 * send (a 64-replica Hugging Face endpoint with 8 GPUs each: ~1,700 series a scrape; a vLLM server:
 * a few hundred) and low enough that a runaway exporter cannot exhaust memory or disk.
 */
export interface CollectorLimits {
  /** Distinct series one scrape may bring; the rest of that scrape is dropped (Prometheus's sample_limit). */
  maxSeriesPerScrape: number;
  /** Distinct series one endpoint may have reported within `seriesActiveMs`; new series beyond it are dropped. */
  maxSeriesPerEndpoint: number;
  /** Samples held in memory while the store refuses writes; beyond it the oldest scrapes are dropped. */
  maxPendingSamples: number;
  /** The longest Retry-After obeyed: a longer one defers the next scrape by this much only. */
  maxRetryAfterMs: number;
}

export const DEFAULT_COLLECTOR_LIMITS: CollectorLimits = {
  maxSeriesPerScrape: 10_000,
  maxSeriesPerEndpoint: 50_000,
  maxPendingSamples: 500_000,
  maxRetryAfterMs: 3600_000,
};

const count = z.coerce.number().int().min(1).max(100_000_000);
const VARIABLES = [
  { name: "SERVESCOPE_MAX_SERIES_PER_SCRAPE", key: "maxSeriesPerScrape", scale: 1 },
  { name: "SERVESCOPE_MAX_SERIES_PER_ENDPOINT", key: "maxSeriesPerEndpoint", scale: 1 },
  { name: "SERVESCOPE_MAX_PENDING_SAMPLES", key: "maxPendingSamples", scale: 1 },
  { name: "SERVESCOPE_MAX_RETRY_AFTER_S", key: "maxRetryAfterMs", scale: 1000 },
] as const;

/** The variable that sets a limit, for messages that tell the user which knob to turn. */
export function limitVariable(key: keyof CollectorLimits): string {
  return VARIABLES.find((v) => v.key === key)?.name ?? key;
}

/** The limits from the environment (unset: defaults); a bad value throws ConfigError naming the variable. */
export function readCollectorLimits(env: Record<string, string | undefined>): CollectorLimits {
  const limits = { ...DEFAULT_COLLECTOR_LIMITS };
  for (const { name, key, scale } of VARIABLES) {
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    const parsed = count.safeParse(raw);
    if (!parsed.success) throw new ConfigError(`${name}: must be a whole number from 1 to 100000000`);
    limits[key] = parsed.data * scale;
  }
  return limits;
}
