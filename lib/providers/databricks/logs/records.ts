import "server-only";
import { z } from "zod";
import type { LogRow } from "@/lib/api/schemas";
import type { LogSeverity } from "@/lib/model/log-severity";

/**
 * A log row and where it sorts: newest first by time (µs), then by id (a table's record_id, a
 * service-log line's number), so a page ends at a row and the next one starts just after it.
 */
export interface LogRecord extends LogRow {
  timeUs: number;
  id: string;
}

/** What the caller asked for, resolved: a range, the lowest level, a text, a page size and where it starts. */
export interface LogsQuery {
  fromMs: number;
  toMs: number;
  minSeverity: LogSeverity;
  /** Searched for as it is (case-insensitively), never as a pattern. */
  text: string | null;
  limit: number;
  /** Rows strictly older than this one. */
  before: LogCursor | null;
}

const LogCursorSchema = z.object({ t: z.number().int().nonnegative(), id: z.string().max(200) }).strict();
export type LogCursor = z.infer<typeof LogCursorSchema>;

/** The `nextBefore` of an answer: opaque to the browser, which only sends it back. */
export function encodeLogCursor(record: Pick<LogRecord, "timeUs" | "id">): string {
  return Buffer.from(JSON.stringify({ t: record.timeUs, id: record.id })).toString("base64url");
}

/** The cursor a `before` parameter holds, or null when it is not one this server made. */
export function decodeLogCursor(text: string): LogCursor | null {
  try {
    const parsed = LogCursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Attributes as the API shows them: one level, nested values as JSON text. */
export function flattenAttributes(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, typeof item === "string" ? item : JSON.stringify(item)]),
  );
}

/** A log body as text: a string as it is, anything structured as JSON. */
export function bodyText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function toLogRow({ timeMs, severity, body, traceId, spanId, attributes }: LogRecord): LogRow {
  return { timeMs, severity, body, traceId, spanId, attributes };
}
