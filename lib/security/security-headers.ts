/** Headers on every answer: no sniffing, no framing, no referrer beyond this origin, no opener. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // "same-origin", not "no-referrer": with the latter, browsers send `Origin: null` on same-origin posts.
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * The page's Content-Security-Policy: scripts only with this response's nonce (Next puts it on its
 * hydration scripts) or loaded by them; eval only in development, where React needs it.
 */
export function contentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
