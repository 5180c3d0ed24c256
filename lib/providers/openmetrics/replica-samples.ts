import "server-only";
import type { CanonicalSample } from "@/lib/model/canonical";
import type { MetricFamily } from "@/lib/openmetrics/types";
import { normalizeGpuExporter } from "./dcgm";
import { normalizeOpenMetrics } from "./normalize";

type Normalize = (families: readonly MetricFamily[], scrapedAtMs: number) => CanonicalSample[];

const labelled = (samples: readonly CanonicalSample[], replicaId: string): CanonicalSample[] =>
  samples.map((sample) => ({ ...sample, labels: { ...sample.labels, replica: replicaId } }));

/** A replica's server families → canonical samples carrying its id as `replica`. Pure. */
export function normalizeReplicaServer(replicaId: string): Normalize {
  return (families, scrapedAtMs) => labelled(normalizeOpenMetrics(families, scrapedAtMs), replicaId);
}

/** A replica's GPU exporter (DCGM) families → its gpu_percent and vram_percent per GPU. Pure. */
export function normalizeReplicaGpu(replicaId: string): Normalize {
  return (families, scrapedAtMs) => labelled(normalizeGpuExporter(families, scrapedAtMs), replicaId);
}

/** One replica's samples: the server's, plus its GPU exporter's for the figures the server does not report. */
export function mergeGpuSamples(
  server: readonly CanonicalSample[],
  gpu: readonly CanonicalSample[],
): CanonicalSample[] {
  const reported = new Set(server.map((sample) => sample.metric));
  return [...server, ...gpu.filter((sample) => !reported.has(sample.metric))];
}
