import { z } from "zod";

/**
 * Log severities, lowest first: OpenTelemetry's six ranges (SeverityNumber 1–4 TRACE … 21–24
 * FATAL). Every reader of a log line (the SQL filter over a telemetry table, the service-log
 * parser, the UI's colours) derives its notion of a level from this one table.
 */
export const LOG_SEVERITIES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export const LogSeveritySchema = z.enum(LOG_SEVERITIES);
export type LogSeverity = z.infer<typeof LogSeveritySchema>;

/** The level shown when none is asked for: what an on-call engineer reads first. */
export const DEFAULT_MIN_SEVERITY: LogSeverity = "ERROR";

/** The words a level is written with (upper case, as prefixes: `ERROR2`, `WARNING`, `CRITICAL`). */
export const SEVERITY_WORDS: Record<LogSeverity, readonly string[]> = {
  FATAL: ["FATAL", "CRIT", "EMERG", "ALERT", "PANIC", "SEVERE"],
  ERROR: ["ERR"],
  WARN: ["WARN"],
  INFO: ["INFO", "NOTICE"],
  DEBUG: ["DEBUG", "FINE"],
  TRACE: ["TRACE", "VERBOSE"],
};

/** Where the level falls, 1 (TRACE) … 6 (FATAL); OpenTelemetry's SeverityNumber ÷ 4, rounded up. */
export function severityRank(severity: LogSeverity): number {
  return LOG_SEVERITIES.indexOf(severity) + 1;
}

/** The level a platform's word names (`warning`, `Error`, `CRITICAL`); INFO when it names none. */
export function toLogSeverity(text: string | null | undefined): LogSeverity {
  const word = (text ?? "").trim().toUpperCase();
  for (const severity of [...LOG_SEVERITIES].reverse()) {
    if (SEVERITY_WORDS[severity].some((prefix) => word.startsWith(prefix))) return severity;
  }
  return "INFO";
}
