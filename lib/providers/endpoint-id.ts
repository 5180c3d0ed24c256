import "server-only";
import { createHash } from "node:crypto";
import { joinUrl } from "@/lib/http";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";

/** A platform name as a URL-safe id part: lower case, runs of other characters become "-". */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  return slug === "" ? "endpoint" : slug;
}

/** The id of an endpoint whose slug no other endpoint of its source shares: `${sourceId}.${slug(name)}`. */
export function toEndpointId(sourceId: string, name: string): string {
  return `${sourceId}.${slugify(name)}`;
}

/**
 * Ids that tell apart names sharing a slug ("dup" and "DUP", "Fraud-Scorer" and "fraud scorer"), so
 * each is listed and scraped. A name that is its own slug keeps the plain id (shared URLs keep
 * working); the others add a digest of the exact name, lengthened until no id is taken twice.
 */
export function withDistinctIds(endpoints: readonly DiscoveredEndpoint[]): DiscoveredEndpoint[] {
  const seen = new Set<string>();
  const unique = endpoints.filter((endpoint) => !seen.has(endpoint.name) && seen.add(endpoint.name));
  const sharing = new Map<string, number>();
  for (const { id } of unique) sharing.set(id, (sharing.get(id) ?? 0) + 1);
  const keepsPlainId = (endpoint: DiscoveredEndpoint) =>
    sharing.get(endpoint.id) === 1 || slugify(endpoint.name) === endpoint.name;
  const taken = new Set(unique.filter(keepsPlainId).map((endpoint) => endpoint.id));
  return unique.map((endpoint) => {
    if (keepsPlainId(endpoint)) return endpoint;
    const digest = createHash("sha256").update(endpoint.name).digest("hex");
    let length = 8;
    while (length < digest.length && taken.has(`${endpoint.id}-${digest.slice(0, length)}`)) length += 4;
    const id = `${endpoint.id}-${digest.slice(0, length)}`;
    taken.add(id);
    return { ...endpoint, id };
  });
}

/**
 * Why an upstream name cannot be one segment of a request path, or null. No encoding keeps "." or
 * ".." in place: URL parsers resolve them (and "%2e%2e") to another API path, with the token.
 */
export function unaddressableNameReason(name: string): string | null {
  return name === "" || name === "." || name === ".."
    ? `the name "${name}" cannot be used in a request path, so Servescope never calls the platform for it`
    : null;
}

/**
 * URLs under a configured base and prefix: the collection itself, or one endpoint by name (one encoded
 * path segment, refused when no path can hold it) and what follows it.
 */
export function createEndpointUrls(base: string, ...prefix: string[]) {
  return (name?: string, ...rest: string[]): string => {
    if (name === undefined) return joinUrl(base, ...prefix);
    const reason = unaddressableNameReason(name);
    if (reason !== null) throw new Error(reason);
    return joinUrl(base, ...prefix, name, ...rest);
  };
}
