import { DATABRICKS_CONTENT_TYPE, HUGGINGFACE_CONTENT_TYPE } from "@/lib/fake-upstreams/respond";
import type { CanonicalSample } from "@/lib/model/canonical";
import { parseExposition } from "@/lib/openmetrics/parse";
import { normalizeDatabricks, normalizeHuggingFace } from "@/lib/providers/create";
import {
  getHuggingFaceStatus,
  renderDatabricksMetrics,
  renderHuggingFaceMetrics,
  type SimulationOptions,
} from "@/lib/simulation";

export interface SimulatedTarget {
  provider: "databricks" | "huggingface";
  name: string;
}

/** One canonical series: its metric and labels, in a stable order. */
export function seriesKeyOf(sample: Pick<CanonicalSample, "metric" | "labels">): string {
  const labels = Object.entries(sample.labels).sort(([a], [b]) => a.localeCompare(b));
  return `${sample.metric}{${labels.map(([k, v]) => `${k}=${v}`).join(",")}}`;
}

export interface ServedTruth {
  /** The canonical samples the fake serves at `atMs` (app parser + normalizer); none while it answers an error. */
  samplesAt(target: SimulatedTarget, atMs: number): readonly CanonicalSample[];
  /** Hugging Face: when each ready replica's process started (its counters count from there). */
  processStartsAt(target: SimulatedTarget, atMs: number): ReadonlyMap<string, number>;
}

/**
 * What both sides scrape, straight from the deterministic simulation the fakes serve: the same
 * render functions, read through the app's own parser and normalizers. Pure, so answers are cached.
 */
export function createServedTruth(simulation: SimulationOptions): ServedTruth {
  const cache = new Map<string, readonly CanonicalSample[]>();
  return {
    samplesAt(target, atMs) {
      const key = `${target.provider}/${target.name}@${atMs}`;
      let samples = cache.get(key);
      if (!samples) {
        const huggingFace = target.provider === "huggingface";
        const text = huggingFace
          ? renderHuggingFaceMetrics(target.name, atMs)
          : renderDatabricksMetrics(target.name, atMs, simulation);
        const contentType = huggingFace ? HUGGINGFACE_CONTENT_TYPE : DATABRICKS_CONTENT_TYPE;
        const families = text === null ? [] : parseExposition(text, { contentType }).families;
        samples = (huggingFace ? normalizeHuggingFace : normalizeDatabricks)(families, atMs);
        cache.set(key, samples);
      }
      return samples;
    },
    processStartsAt(target, atMs) {
      const replicas = target.provider === "huggingface" ? getHuggingFaceStatus(target.name, atMs)?.replicas : [];
      return new Map((replicas ?? []).map((replica) => [replica.id, replica.processStartMs]));
    },
  };
}
