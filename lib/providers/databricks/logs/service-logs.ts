import "server-only";
import { LOG_SEVERITIES, SEVERITY_WORDS, severityRank, toLogSeverity } from "@/lib/model/log-severity";
import type { LogRecord, LogsQuery } from "./records";

/**
 * A served model's service logs (`{logs: "text"}`: whatever its container printed) → log rows.
 * A line may start with `[replica]`; its time is the first timestamp it holds (`2026-12-01 12:00:00
 * +0000`, `…T12:00:00.123Z`, `…12:00:00,123`, `2026/12/01 12:00:00`; UTC without a zone); its level
 * the first level word (`[ERROR]`, `WARNING`, `CRITICAL`…), INFO without one. A line without a time
 * continues the row above (a traceback); lines before the first time are left out. Pure.
 */
export interface ParsedServiceLogs {
  records: LogRecord[];
  /** Lines that could not be placed in time (before any timestamp). */
  untimedLines: number;
}

/** One space after the prefix: what follows keeps its indentation (a traceback's). */
const REPLICA = /^\[([^\]\s]{1,64})\] /;
const TIMESTAMP =
  /^\[?(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?\]?\s*/;
const LEVEL_WORDS = [...LOG_SEVERITIES]
  .reverse()
  .flatMap((severity) => SEVERITY_WORDS[severity])
  .join("|");
/** A level word near the start (after a `[pid]`, a logger name…), in brackets, or before a colon or a space. */
const LEVEL = new RegExp(`^(.{0,40}?)\\[?\\b((?:${LEVEL_WORDS})[A-Z]*)\\b\\]?:?\\s*`);
const PID = /^\[\d+\]\s*/;

function parseTimeUs(match: RegExpExecArray): number | null {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(ms) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const micros = Number((match[7] ?? "").padEnd(6, "0").slice(0, 6));
  const zone = match[8];
  const offsetMin =
    !zone || zone === "Z"
      ? 0
      : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(":", "").slice(3)));
  return (ms - offsetMin * 60_000) * 1000 + micros;
}

/** A line's level word and what is left of it without that word (and a leading `[pid]`). */
function splitLevel(rest: string): { severity: LogRecord["severity"]; body: string } {
  const match = LEVEL.exec(rest);
  if (!match) return { severity: "INFO", body: rest.replace(PID, "") };
  const before = (match[1] ?? "").replace(PID, "").trim();
  const after = rest.slice(match[0].length);
  return { severity: toLogSeverity(match[2]), body: [before, after].filter(Boolean).join(" ") };
}

export function parseServiceLogs(text: string, servedModel: string): ParsedServiceLogs {
  const records: LogRecord[] = [];
  let untimedLines = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const replica = REPLICA.exec(raw);
    const line = replica ? raw.slice(replica[0].length) : raw;
    const stamp = TIMESTAMP.exec(line);
    const timeUs = stamp ? parseTimeUs(stamp) : null;
    const last = records.at(-1);
    if (timeUs === null || !stamp) {
      if (last) last.body += `\n${line}`;
      else untimedLines += 1;
      return;
    }
    const { severity, body } = splitLevel(line.slice(stamp[0].length));
    records.push({
      timeUs,
      // Unique across the endpoint's served models; within one, line numbers sort in file order.
      id: `${servedModel}:${String(index).padStart(9, "0")}`,
      timeMs: Math.floor(timeUs / 1000),
      severity,
      body,
      traceId: null,
      spanId: null,
      attributes: { served_model: servedModel, ...(replica?.[1] ? { replica: replica[1] } : {}) },
    });
  });
  return { records, untimedLines };
}

const newestFirst = (a: LogRecord, b: LogRecord) => b.timeUs - a.timeUs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** One page of records, as the SQL of a telemetry table would select it: newest first, `limit + 1` kept to tell whether more exist. */
export function selectLogPage(records: readonly LogRecord[], query: LogsQuery): LogRecord[] {
  const min = severityRank(query.minSeverity);
  const needle = query.text?.toLowerCase() ?? null;
  const { before } = query;
  return records
    .filter(
      (record) =>
        record.timeUs >= query.fromMs * 1000 &&
        record.timeUs <= query.toMs * 1000 &&
        severityRank(record.severity) >= min &&
        (needle === null || record.body.toLowerCase().includes(needle)) &&
        (before === null || record.timeUs < before.t || (record.timeUs === before.t && record.id < before.id)),
    )
    .sort(newestFirst)
    .slice(0, query.limit + 1);
}
