import "server-only";
import type { HealthDetail } from "@/lib/api/schemas";
import { limitVariable } from "@/lib/collector/limits";
import type { Runtime } from "./runtime";

const iso = (ms: number) => new Date(ms).toISOString();

/** The collector's, the store's and the backend's state, with a sentence for each thing that is wrong. */
export function toHealth(runtime: Runtime): HealthDetail {
  const collector = runtime.collector.state();
  const { writes } = collector;
  const reasons: string[] = [];
  if (writes.failingSince !== null) {
    const dropped =
      writes.droppedSamples > 0
        ? `; ${writes.droppedSamples} samples dropped so far (at most ${runtime.limits.maxPendingSamples} are kept, ${limitVariable("maxPendingSamples")})`
        : "";
    reasons.push(
      `cannot write to the embedded store since ${iso(writes.failingSince)}: ${writes.lastFlushError}; ` +
        `${writes.pendingScrapes} scrapes (${writes.pendingSamples} samples) kept in memory and retried${dropped}`,
    );
  }
  for (const source of collector.sources) {
    const discovery = source.lastDiscovery;
    if (discovery && !discovery.ok) {
      reasons.push(`discovery of source ${source.id} failed at ${iso(discovery.at)}: ${discovery.error}`);
    }
  }
  const backendFailure = runtime.backendFailure();
  if (backendFailure) reasons.push(`the latest query failed at ${iso(backendFailure.atMs)}: ${backendFailure.message}`);
  let bytes: number | null = null;
  try {
    bytes = runtime.store.sizeBytes();
  } catch (error) {
    reasons.push(`cannot read the embedded store: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    status: reasons.length === 0 ? "ok" : "degraded",
    reasons,
    mode: runtime.config.prometheusUrl ? "prometheus" : "embedded",
    demo: runtime.config.demo,
    collector,
    store: { bytes },
  };
}
