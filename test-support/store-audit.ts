import Database from "better-sqlite3";
import { decodeChunk } from "@/lib/store/chunk-codec";

/** What a store file holds, read without writing to it (its writer may be running, or killed). */
export interface StoreAudit {
  /** PRAGMA integrity_check: "ok" or what is wrong. */
  integrity: string;
  /** Per endpoint, its recorded scrapes, oldest first. */
  scrapes: Map<string, { at: number; ok: boolean }[]>;
  /** Per endpoint, its number of series. */
  series: Map<string, number>;
  /** Per endpoint, how many of its series have a sample at each stored timestamp. */
  samplesAt: Map<string, Map<number, number>>;
  /** (series, ms) pairs stored more than once. */
  duplicates: number;
}

function withReadOnly<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Recorded scrapes per endpoint; null while the file or its tables do not exist yet. */
export function countScrapes(path: string): Map<string, number> | null {
  try {
    return withReadOnly(path, (db) => {
      const rows = db.prepare("SELECT endpoint, count(*) AS n FROM scrapes GROUP BY endpoint").all() as {
        endpoint: string;
        n: number;
      }[];
      return new Map(rows.map((row) => [row.endpoint, row.n]));
    });
  } catch {
    return null;
  }
}

export function auditStore(path: string): StoreAudit {
  return withReadOnly(path, (db) => {
    const audit: StoreAudit = {
      integrity: db.pragma("integrity_check", { simple: true }) as string,
      scrapes: new Map(),
      series: new Map(),
      samplesAt: new Map(),
      duplicates: 0,
    };
    const scrapes = db.prepare("SELECT endpoint, at, ok FROM scrapes ORDER BY endpoint, at").all() as {
      endpoint: string;
      at: number;
      ok: number;
    }[];
    for (const { endpoint, at, ok } of scrapes) {
      const list = audit.scrapes.get(endpoint) ?? [];
      list.push({ at, ok: ok === 1 });
      audit.scrapes.set(endpoint, list);
    }
    const series = db.prepare("SELECT endpoint, count(*) AS n FROM series GROUP BY endpoint").all() as {
      endpoint: string;
      n: number;
    }[];
    for (const { endpoint, n } of series) audit.series.set(endpoint, n);
    const chunks = db
      .prepare("SELECT s.endpoint, c.series_id AS id, c.data FROM chunks c JOIN series s ON s.id = c.series_id")
      .all() as { endpoint: string; id: number; data: Buffer }[];
    const seen = new Set<string>();
    for (const { endpoint, id, data } of chunks) {
      const counts = audit.samplesAt.get(endpoint) ?? new Map<number, number>();
      audit.samplesAt.set(endpoint, counts);
      for (const ts of decodeChunk(data).ts) {
        const key = `${id}@${ts}`;
        if (seen.has(key)) audit.duplicates += 1;
        seen.add(key);
        counts.set(ts, (counts.get(ts) ?? 0) + 1);
      }
    }
    return audit;
  });
}
