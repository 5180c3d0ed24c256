import "server-only";
import type { DiscoveredEndpoint, EndpointRevision } from "@/lib/model/endpoint";
import type { EndpointChange, EventKind } from "@/lib/model/endpoint-change";

const from = (before: string, after: string) => `${before} → ${after}`;

/** Model versions that changed, appeared or went; an entity whose version is unknown on either side is left alone. */
function entityChanges(before: EndpointRevision, after: EndpointRevision): string[] {
  const old = new Map(before.entities.map((entity) => [entity.name, entity.version]));
  const now = new Map(after.entities.map((entity) => [entity.name, entity.version]));
  const changes: string[] = [];
  for (const [name, version] of now) {
    if (!old.has(name)) changes.push(`${name}${version ? ` ${version}` : ""} added`);
    else if (version !== null && old.get(name) != null && old.get(name) !== version) {
      changes.push(`${name} ${from(old.get(name) ?? "", version)}`);
    }
  }
  for (const name of old.keys()) if (!now.has(name)) changes.push(`${name} removed`);
  return changes;
}

/** "config 3 → 4: main.ml.kappa 7 → 8"; a marker absent on either side (a summary-only listing) says nothing. */
function configText(before: EndpointRevision | undefined, after: EndpointRevision | undefined): string | null {
  if (!before || !after) return null;
  const [a, b] = [before.config, after.config];
  const moved = a !== null && b !== null && a.kind === b.kind && a.value !== b.value ? b : null;
  const headline =
    moved === null
      ? null
      : moved.kind === "config_version"
        ? `config ${from(a?.value ?? "", moved.value)}`
        : `updated ${moved.value}`;
  const entities = entityChanges(before, after).join(", ");
  if (headline === null) return entities || null;
  return entities ? `${headline}: ${entities}` : headline;
}

function joined(parts: Array<string | null>): string | null {
  const kept = parts.filter((part): part is string => part !== null);
  return kept.length ? kept.join("; ") : null;
}

function stateText(before: DiscoveredEndpoint, after: DiscoveredEndpoint): string | null {
  const [a, b] = [before.model.details.config_update, after.model.details.config_update];
  return joined([
    before.state === after.state ? null : `state ${from(before.state, after.state)}`,
    a && b && a !== b ? `config update ${from(a, b)}` : null,
  ]);
}

/** "replicas 2 → 3" when ready and target moved together (the usual autoscaling step), each apart otherwise. */
function replicaText(before: DiscoveredEndpoint, after: DiscoveredEndpoint): string | null {
  const count = (label: string, a: number | null, b: number | null) =>
    a !== null && b !== null && a !== b ? `${label} ${from(String(a), String(b))}` : null;
  const ready = count("ready replicas", before.scaling.readyReplicas, after.scaling.readyReplicas);
  const target = count("target replicas", before.scaling.targetReplicas, after.scaling.targetReplicas);
  if (ready && target && ready.slice("ready ".length) === target.slice("target ".length))
    return ready.slice("ready ".length);
  return joined([ready, target]);
}

/**
 * What changed from one discovery of an endpoint to the next (DESIGN.md, "Change events"): its
 * configuration or served model versions, its state, its replica counts. Pure.
 */
export function detectChanges(before: DiscoveredEndpoint, after: DiscoveredEndpoint, atMs: number): EndpointChange[] {
  const texts: Array<[EventKind, string | null]> = [
    ["config", configText(before.revision, after.revision)],
    ["state", stateText(before, after)],
    ["replica", replicaText(before, after)],
  ];
  return texts.flatMap(([kind, text]) => (text === null ? [] : [{ endpointId: after.id, atMs, kind, text }]));
}

/** What changed from the endpoints a source had (`known`, as last saved) to a new discovery of it. */
export function changesSince(
  known: readonly DiscoveredEndpoint[],
  endpoints: readonly DiscoveredEndpoint[],
  atMs: number,
): EndpointChange[] {
  const before = new Map(known.map((endpoint) => [endpoint.id, endpoint]));
  return endpoints.flatMap((endpoint) => {
    const previous = before.get(endpoint.id);
    return previous ? detectChanges(previous, endpoint, atMs) : [];
  });
}
