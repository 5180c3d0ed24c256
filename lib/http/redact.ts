/** What replaces a secret wherever it would otherwise be shown. */
export const REDACTED = "***";

// Credentials by their shape, whoever they belong to: an upstream may echo any header it was sent.
// Databricks personal access tokens, Hugging Face tokens, and the value of an Authorization header.
const TOKEN_SHAPES = [
  String.raw`\bdapi[0-9a-f]{32}(?:-\d+)?\b`,
  String.raw`\bhf_[A-Za-z0-9]{20,}\b`,
  String.raw`\b(?:Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+`,
];
const SCHEME = /^(Bearer|Basic|Token)\s+/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Text with every credential in it replaced by REDACTED. */
export type Redactor = (text: string) => string;

/**
 * A redactor for these secrets (tokens of every configured source, the dashboard's access token)
 * and for well-known token shapes. Text without any stays the same string (no copy).
 */
export function createRedactor(secrets: readonly (string | null)[]): Redactor {
  // Longest first, so a secret containing another is replaced whole.
  const literal = [...new Set(secrets.filter((s): s is string => !!s))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const pattern = new RegExp([...literal, ...TOKEN_SHAPES].join("|"), "gi");
  const test = new RegExp(pattern.source, "i");
  return (text) => {
    if (!test.test(text)) return text;
    // An Authorization value keeps its scheme, so the reader sees what kind of credential it was.
    return text.replace(pattern, (found) => {
      const scheme = SCHEME.exec(found)?.[1];
      return scheme ? `${scheme} ${REDACTED}` : REDACTED;
    });
  };
}
