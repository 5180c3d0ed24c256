/** Stands for this dashboard's origin, whatever host it is reached by. */
const HERE = new URL("http://servescope.invalid/");

/**
 * Where to go after signing in: a path on this origin, parsed as a browser parses it (which reads
 * "/\host", "/<tab>/host" and "/.//host" as another host), else "/".
 */
export function toSameOriginPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  const url = URL.parse(next, HERE);
  if (url === null || url.origin !== HERE.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? "/" : path;
}
