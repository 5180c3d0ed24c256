/**
 * Builds an upstream URL from a configured base and path segments, each percent-encoded, so a
 * name from an upstream response can never change the host or escape the path.
 */
export function joinUrl(base: string, ...segments: string[]): string {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, "");
  url.pathname = [prefix, ...segments.map((segment) => encodeURIComponent(segment))].join("/");
  return url.toString();
}
