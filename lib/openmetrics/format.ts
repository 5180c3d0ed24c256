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

function hasUnitLine(text: string): boolean {
  return text.startsWith("# UNIT ") || text.includes("\n# UNIT ");
}
