import "server-only";
import type { TargetReplica } from "@/lib/config/openmetrics-target";
import type { UpstreamError, UpstreamResponse } from "@/lib/http";
import type { MetricFamily } from "@/lib/openmetrics/types";
import { runScrape, type ScrapeSpec } from "../run-scrape";
import type { ScrapeResult } from "../types";
import { mergeGpuSamples, normalizeReplicaGpu, normalizeReplicaServer } from "./replica-samples";

export interface ReplicasSpec {
  endpointId: string;
  replicas: readonly TargetReplica[];
  token: string | null;
  fetch: (url: string, signal?: AbortSignal) => Promise<UpstreamResponse>;
  explainStatus: (error: UpstreamError, url: string) => { error: string; noMetrics: boolean } | null;
}

interface ReplicaScrape {
  replica: TargetReplica;
  server: ScrapeResult;
  gpu: ScrapeResult | null;
}

/** "replica b GPU exporter: …"; a lone replica's own failure keeps the plain message. */
function failures({ replica, server, gpu }: ReplicaScrape, several: boolean): string[] {
  const say = (part: string | null, result: ScrapeResult) => {
    const whose = [several ? `replica ${replica.id}` : null, part].filter((word) => word !== null).join(" ");
    return whose === "" ? String(result.error) : `${whose}: ${result.error}`;
  };
  return [...(server.ok ? [] : [say(null, server)]), ...(gpu && !gpu.ok ? [say("GPU exporter", gpu)] : [])];
}

/** Families of every replica as one exposition: each sample labelled with its replica where there are several. */
function mergeFamilies(scrapes: readonly ReplicaScrape[], several: boolean): MetricFamily[] {
  const byName = new Map<string, MetricFamily>();
  for (const { replica, server, gpu } of scrapes) {
    for (const family of [...server.families, ...(gpu?.families ?? [])]) {
      const samples = several
        ? family.samples.map((sample) => ({ ...sample, labels: { ...sample.labels, replica: replica.id } }))
        : family.samples;
      const seen = byName.get(family.name);
      if (seen) seen.samples.push(...samples);
      else byName.set(family.name, { ...family, samples: [...samples] });
    }
  }
  return [...byName.values()];
}

/**
 * Scrapes every replica of a target, and each one's GPU exporter, at once: one that fails (timeout, 5xx)
 * leaves the others' samples stored, and the outcome names it. The replicas' states say which answered.
 */
export async function scrapeReplicas(spec: ReplicasSpec, signal?: AbortSignal): Promise<ScrapeResult> {
  const at = Date.now();
  const part = (url: string, normalize: ScrapeSpec["normalize"]) =>
    runScrape(
      {
        endpointId: spec.endpointId,
        url,
        token: spec.token,
        fetch: (fetchSignal) => spec.fetch(url, fetchSignal),
        normalize,
        explainStatus: (error) => spec.explainStatus(error, url),
      },
      signal,
    );
  const scrapes: ReplicaScrape[] = await Promise.all(
    spec.replicas.map(async (replica) => {
      const [server, gpu] = await Promise.all([
        part(replica.url, normalizeReplicaServer(replica.id)),
        replica.gpuUrl === null ? null : part(replica.gpuUrl, normalizeReplicaGpu(replica.id)),
      ]);
      return { replica, server, gpu };
    }),
  );
  const several = scrapes.length > 1;
  const failing = scrapes.flatMap(({ server, gpu }) => (gpu ? [server, gpu] : [server])).filter((r) => !r.ok);
  const errors = scrapes.flatMap((scrape) => failures(scrape, several));
  const first = scrapes.find(({ server }) => server.ok)?.server ?? scrapes[0]?.server;
  return {
    endpointId: spec.endpointId,
    at,
    ok: failing.length === 0,
    status: failing[0]?.status ?? first?.status ?? null,
    error: errors.length === 0 ? null : errors.join("; "),
    noMetrics: failing.length > 0 && failing.every((r) => r.noMetrics),
    retryAtMs: latestRetryAt(failing),
    durationMs: Date.now() - at,
    bytes: scrapes.reduce((sum, { server, gpu }) => sum + server.bytes + (gpu?.bytes ?? 0), 0),
    format: first?.format ?? null,
    parseErrors: scrapes.flatMap(({ server, gpu }) => [...server.parseErrors, ...(gpu?.parseErrors ?? [])]),
    families: mergeFamilies(scrapes, several),
    samples: scrapes.flatMap(({ server, gpu }) => mergeGpuSamples(server.samples, gpu?.samples ?? [])),
    replicas: scrapes.map(({ replica, server }) => ({ id: replica.id, state: server.ok ? "running" : "down" })),
  };
}

/** The latest Retry-After any part asked for: it holds back the next scrape of the whole endpoint. */
function latestRetryAt(failing: readonly { retryAtMs: number | null }[]): number | null {
  const times = failing.flatMap(({ retryAtMs }) => (retryAtMs === null ? [] : [retryAtMs]));
  return times.length > 0 ? Math.max(...times) : null;
}
