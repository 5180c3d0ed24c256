import "server-only";
import type Database from "better-sqlite3";
import type { ChangeEvent } from "@/lib/api/schemas";
import { EventKindSchema, type EndpointChange } from "@/lib/model/endpoint-change";

export interface EventPage {
  /** Oldest first. */
  events: ChangeEvent[];
  /** More events fell in the range than were asked for: the oldest were left out. */
  truncated: boolean;
}

/** Change events per endpoint; recording the same event twice (a backfill run again) keeps one. */
export function createEventLog(db: Database.Database) {
  const insert = db.prepare<[string, number, string, string]>(
    "INSERT OR IGNORE INTO events (endpoint, at, kind, text) VALUES (?, ?, ?, ?)",
  );
  const select = db.prepare<[string, number, number, number], { atMs: number; kind: string; text: string }>(
    `SELECT at AS atMs, kind, text FROM events WHERE endpoint = ? AND at >= ? AND at <= ?
     ORDER BY at DESC, kind, text LIMIT ?`,
  );
  return {
    recordEvents(changes: readonly EndpointChange[]): void {
      for (const change of changes) insert.run(change.endpointId, change.atMs, change.kind, change.text);
    },
    /** The newest `limit` events in [fromMs, toMs]. */
    listEvents(endpointId: string, fromMs: number, toMs: number, limit: number): EventPage {
      const rows = select.all(endpointId, fromMs, toMs, limit + 1);
      const events = rows
        .slice(0, limit)
        .reverse()
        .map((row) => ({ atMs: row.atMs, kind: EventKindSchema.parse(row.kind), text: row.text }));
      return { events, truncated: rows.length > limit };
    },
  };
}
