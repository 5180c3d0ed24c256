import type { OpenMetricsTarget } from "@/lib/config/openmetrics-target";
import { selfHostedSamplesAt } from "@/lib/demo/self-hosted-samples";
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
import { findSelfHostedReplica } from "@/lib/simulation/llm-catalog";
import { processStartMs } from "@/lib/simulation/llm-requests";

export interface SimulatedTarget {
  provider: "databricks" | "huggingface" | "openmetrics";
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
  /** Hugging Face and self-hosted: when each replica's process started (its counters count from there). */
  processStartsAt(target: SimulatedTarget, atMs: number): ReadonlyMap<string, number>;
}

function renderedSamples(target: SimulatedTarget, atMs: number, simulation: SimulationOptions): CanonicalSample[] {
  const huggingFace = target.provider === "huggingface";
  const text = huggingFace
    ? renderHuggingFaceMetrics(target.name, atMs)
    : renderDatabricksMetrics(target.name, atMs, simulation);
  const contentType = huggingFace ? HUGGINGFACE_CONTENT_TYPE : DATABRICKS_CONTENT_TYPE;
  const families = text === null ? [] : parseExposition(text, { contentType }).families;
  return (huggingFace ? normalizeHuggingFace : normalizeDatabricks)(families, atMs);
}

/**
 * What both sides scrape, straight from the deterministic simulation the fakes serve: the same
 * render functions, read through the app's own parser and normalizers (self-hosted targets: every
 * replica and its GPU exporter, as configured). Pure, so answers are cached.
 */
export function createServedTruth(
  simulation: SimulationOptions,
  selfHosted: readonly OpenMetricsTarget[] = [],
): ServedTruth {
  const cache = new Map<string, readonly CanonicalSample[]>();
  const selfHostedAt = new Map(selfHosted.map((target) => [target.name, selfHostedSamplesAt(target, simulation)]));
  return {
    samplesAt(target, atMs) {
      const key = `${target.provider}/${target.name}@${atMs}`;
      let samples = cache.get(key);
      if (!samples) {
        samples =
          target.provider === "openmetrics"
            ? (selfHostedAt.get(target.name)?.(atMs) ?? [])
            : renderedSamples(target, atMs, simulation);
        cache.set(key, samples);
      }
      return samples;
    },
    processStartsAt(target, atMs) {
      if (target.provider === "openmetrics") {
        const ids = selfHosted.find((t) => t.name === target.name)?.replicas?.map((r) => r.id ?? "") ?? [];
        return new Map(
          ids.flatMap((id) => {
            const found = findSelfHostedReplica(target.name, id);
            return found ? [[id, processStartMs(found.server, found.replica, atMs)] as const] : [];
          }),
        );
      }
      const replicas = target.provider === "huggingface" ? getHuggingFaceStatus(target.name, atMs)?.replicas : [];
      return new Map((replicas ?? []).map((replica) => [replica.id, replica.processStartMs]));
    },
  };
}
