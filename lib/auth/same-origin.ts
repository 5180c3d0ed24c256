/**
 * Whether a state-changing request comes from this dashboard's own pages. Browsers send `Origin`
 * (and `Sec-Fetch-Site`) with every post, so a cross-site form or `text/plain` fetch shows a foreign
 * one; a request with neither is not from a web page, so it cannot be a forgery by one.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null) return true;
  // Behind a proxy the browser's host is the forwarded one; a forged page cannot set that header.
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  return host !== undefined && URL.parse(origin)?.host === host;
}
