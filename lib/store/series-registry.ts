import "server-only";
import type Database from "better-sqlite3";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { toLabelsKey } from "./labels";

/** Maps (endpoint, metric, labels) to a series id, creating the series on first sight. */
export interface SeriesRegistry {
  idFor(endpointId: string, metric: CanonicalMetric, labels: Record<string, string>): number;
  /** Drops cached ids, e.g. after a rolled-back transaction created some of them. */
  forget(): void;
}

export function createSeriesRegistry(db: Database.Database): SeriesRegistry {
  const select = db.prepare<[string, string, string], { id: number }>(
    "SELECT id FROM series WHERE endpoint = ? AND metric = ? AND labels = ?",
  );
  const insert = db.prepare<[string, string, string, string]>(
    "INSERT INTO series (endpoint, metric, labels, replica) VALUES (?, ?, ?, ?)",
  );
  // Keyed by the labels in the order the provider sent them: no sort on the hot path.
  let cache = new Map<string, number>();

  return {
    idFor(endpointId, metric, labels) {
      let fastKey = `${endpointId}\u0000${metric}`;
      for (const key in labels) fastKey += `\u0000${key}\u0000${labels[key]}`;
      const cached = cache.get(fastKey);
      if (cached !== undefined) return cached;
      const labelsKey = toLabelsKey(labels);
      const found = select.get(endpointId, metric, labelsKey);
      const id = found?.id ?? Number(insert.run(endpointId, metric, labelsKey, labels.replica ?? "").lastInsertRowid);
      cache.set(fastKey, id);
      return id;
    },
    forget() {
      cache = new Map();
    },
  };
}
