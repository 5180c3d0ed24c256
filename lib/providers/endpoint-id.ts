/** A platform name as a URL-safe id part: lower case, runs of other characters become "-". */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  return slug === "" ? "endpoint" : slug;
}

/** The stable id of an endpoint: `${sourceId}.${slug(name)}`. */
export function toEndpointId(sourceId: string, name: string): string {
  return `${sourceId}.${slugify(name)}`;
}
