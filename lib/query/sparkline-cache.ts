import "server-only";
import type { Sparkline } from "@/lib/api/schemas";
import { sparklineQuery } from "./headline";
import type { FiguresBackend } from "./types";

interface Kept {
  version: number;
  toMs: number;
  sparkline: Sparkline;
}

/**
 * Keeps each endpoint's sparkline until the endpoint's data changes (`versionOf`, bumped by every
 * write of it) or its minute closes: the headline figures are asked at a new instant each time and
 * computed afresh, the hour of requests behind the sparkline only when it would come out different.
 */
export function cacheSparklines(backend: FiguresBackend, versionOf: (endpointId: string) => number): FiguresBackend {
  const kept = new Map<string, Kept>();
  return {
    async figures(endpoint, nowMs, withSparkline) {
      if (!withSparkline) return backend.figures(endpoint, nowMs, false);
      const { toMs } = sparklineQuery(nowMs);
      const version = versionOf(endpoint.id);
      const known = kept.get(endpoint.id);
      if (known && known.version === version && known.toMs === toMs) {
        const { headline } = await backend.figures(endpoint, nowMs, false);
        return { headline, sparkline: known.sparkline };
      }
      const figures = await backend.figures(endpoint, nowMs, true);
      if (figures.sparkline) kept.set(endpoint.id, { version, toMs, sparkline: figures.sparkline });
      return figures;
    },
  };
}
