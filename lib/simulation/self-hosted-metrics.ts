import { findSelfHostedServer } from "./llm-catalog";
import type { SimulationOptions } from "./options";
import { renderTgiMetrics } from "./tgi-metrics";
import { renderVllmMetrics } from "./vllm-metrics";

/** What a self-hosted replica's server answers at `atMs`, in its own format; null for an unknown one. */
export function renderSelfHostedMetrics(
  serverName: string,
  replicaId: string,
  atMs: number,
  options: SimulationOptions,
): string | null {
  const render = findSelfHostedServer(serverName)?.kind === "tgi" ? renderTgiMetrics : renderVllmMetrics;
  return render(serverName, replicaId, atMs, options);
}
