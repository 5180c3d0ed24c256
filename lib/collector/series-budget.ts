import "server-only";
import type { CanonicalSample } from "@/lib/model/canonical";
import { limitVariable, type CollectorLimits } from "./limits";

export interface Admitted {
  samples: CanonicalSample[];
  /** Distinct series of the scrape that were dropped. */
  droppedSeries: number;
  droppedSamples: number;
  /** Why, in words; null when everything was kept. */
  warning: string | null;
}

function seriesKey(sample: CanonicalSample): string {
  let key = sample.metric;
  for (const name in sample.labels) key += `\u0000${name}\u0000${sample.labels[name]}`;
  return key;
}

const formatCount = (n: number) => n.toLocaleString("en-US");

/**
 * Caps the series each scrape and each endpoint may bring. Series the endpoint already reported
 * are kept first, so a flood of new label values cannot push out the ones being charted; the rest
 * are taken in the exposition's order (stable from scrape to scrape) while room remains.
 */
export function createSeriesBudget(
  limits: Pick<CollectorLimits, "maxSeriesPerScrape" | "maxSeriesPerEndpoint">,
  /** A series counts towards its endpoint's limit this long after it last reported. */
  activeMs: number,
) {
  // Per endpoint: series key → when it last reported. At most maxSeriesPerEndpoint entries each.
  const active = new Map<string, Map<string, number>>();

  function prune(seen: Map<string, number>, nowMs: number): void {
    for (const [key, atMs] of seen) if (atMs <= nowMs - activeMs) seen.delete(key);
  }

  return {
    admit(endpointId: string, samples: CanonicalSample[], nowMs: number): Admitted {
      let seen = active.get(endpointId);
      if (!seen) active.set(endpointId, (seen = new Map()));
      const keys = samples.map(seriesKey);
      const distinct = [...new Set(keys)];
      if (seen.size + distinct.length > limits.maxSeriesPerEndpoint) prune(seen, nowMs);
      const known = distinct.filter((key) => seen.has(key));
      const fresh = distinct.filter((key) => !seen.has(key));

      const kept = new Set(known.slice(0, limits.maxSeriesPerScrape));
      let overScrape = known.length > limits.maxSeriesPerScrape;
      let overEndpoint = false;
      for (const key of fresh) {
        if (kept.size >= limits.maxSeriesPerScrape) overScrape = true;
        else if (seen.size >= limits.maxSeriesPerEndpoint) overEndpoint = true;
        if (overScrape || overEndpoint) break;
        kept.add(key);
        seen.set(key, nowMs);
      }
      for (const key of kept) seen.set(key, nowMs);
      if (kept.size === distinct.length) return { samples, droppedSeries: 0, droppedSamples: 0, warning: null };

      const admitted = samples.filter((_, i) => kept.has(keys[i] as string));
      const droppedSeries = distinct.length - kept.size;
      const why = [
        overScrape &&
          `at most ${formatCount(limits.maxSeriesPerScrape)} series per scrape (${limitVariable("maxSeriesPerScrape")})`,
        overEndpoint &&
          `at most ${formatCount(limits.maxSeriesPerEndpoint)} series per endpoint (${limitVariable("maxSeriesPerEndpoint")})`,
      ].filter(Boolean);
      return {
        samples: admitted,
        droppedSeries,
        droppedSamples: samples.length - admitted.length,
        warning: `dropped ${formatCount(droppedSeries)} of ${formatCount(distinct.length)} series: ${why.join(" and ")}`,
      };
    },
    /** Forgets an endpoint that discovery no longer lists. */
    forget(endpointId: string): void {
      active.delete(endpointId);
    },
  };
}

export type SeriesBudget = ReturnType<typeof createSeriesBudget>;
