import { findSelfHostedReplica, type SelfHostedReplicaDef, type SelfHostedServerDef } from "./llm-catalog";
import { DEFAULT_SIMULATION, type SimulationOptions } from "./options";

/** What one self-hosted process answers at `atMs`; null for an unknown server or replica, or one without it. */
export type RenderReplicaMetrics = (
  serverName: string,
  replicaId: string,
  atMs: number,
  options?: SimulationOptions,
) => string | null;

interface Found {
  server: SelfHostedServerDef;
  replica: SelfHostedReplicaDef;
}

/** A renderer of the replicas that `serves` says run the process (its server kind, or a DCGM exporter). */
export function replicaRenderer(
  serves: (found: Found) => boolean,
  render: (found: Found, atMs: number, options: SimulationOptions) => string,
): RenderReplicaMetrics {
  return (serverName, replicaId, atMs, options = DEFAULT_SIMULATION) => {
    const found = findSelfHostedReplica(serverName, replicaId);
    return found && serves(found) ? render(found, atMs, options) : null;
  };
}
