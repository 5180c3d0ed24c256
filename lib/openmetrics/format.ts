import { LF } from "./chars";
import type { ExpositionFormat } from "./types";

/**
 * The format a Content-Type names (`application/openmetrics-text` or `text/plain`), else the one the text
 * shows: OpenMetrics ends with `# EOF` and is the only one with `# UNIT` lines.
 */
export function resolveFormat(text: string, contentType?: string | null): ExpositionFormat {
  const mediaType = contentType?.split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType === "application/openmetrics-text") return "openmetrics";
  if (mediaType === "text/plain") return "prometheus";
  return detectFormat(text);
}

export function detectFormat(text: string): ExpositionFormat {
  return endsWithEof(text) || hasUnitLine(text) ? "openmetrics" : "prometheus";
}

function endsWithEof(text: string): boolean {
  const trimmed = text.trimEnd();
  const lastLineStart = trimmed.lastIndexOf("\n") + 1;
  return trimmed.slice(lastLineStart).trim() === "# EOF";
}

/**
 * Whether a line starts with `# UNIT `. Searching for `UNIT ` and checking what precedes it is far faster than
 * searching for `\n# UNIT `: the search skips ahead to its first character, and `U` is rare where `\n` is not.
 */
function hasUnitLine(text: string): boolean {
  for (let i = text.indexOf("UNIT "); i !== -1; i = text.indexOf("UNIT ", i + 1)) {
    if (i >= 2 && text.startsWith("# ", i - 2) && (i === 2 || text.charCodeAt(i - 3) === LF)) return true;
  }
  return false;
}
