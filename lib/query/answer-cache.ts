import "server-only";
import type { SeriesResponse } from "@/lib/api/schemas";
import type { PanelQuery, SeriesBackend } from "./types";

export interface AnswerCacheStats {
  /** Answered from the cache. */
  hits: number;
  /** Joined a computation already running for the same query. */
  joined: number;
  /** Computed. */
  computed: number;
}

export interface CachedBackend extends SeriesBackend {
  stats(): AnswerCacheStats;
}

interface Entry {
  version: number;
  answer: Promise<SeriesResponse>;
  /** Set once the answer has come; counted against maxPoints from then. */
  points: number | null;
}

/** What the cache holds at most: points (~50 bytes each on the heap, ~60 MB: a few hundred 30-day charts) and answers. */
export const ANSWER_CACHE_LIMITS = { maxPoints: 1_000_000, maxAnswers: 10_000 };

const keyOf = (endpointId: string, query: PanelQuery) =>
  `${endpointId}\n${query.panel}\n${query.fromMs}\n${query.toMs}\n${query.stepMs}\n${query.replica ?? ""}\n${query.by ?? ""}\n${query.agg ?? ""}\n${query.quantiles ?? ""}`;

const pointsOf = (response: SeriesResponse) => response.series.reduce((n, series) => n + series.points.length, 0);

/**
 * Answers an endpoint's query again, without reading the store, for as long as nothing the query
 * reads has changed (`versionOf`, bumped by every write of the endpoint): the same answer, exactly,
 * for every viewer of the same chart between two scrapes. Identical queries in flight share one
 * computation. Least recently used answers go first past `maxPoints` or `maxAnswers`.
 */
export function cacheAnswers(
  backend: SeriesBackend,
  versionOf: (endpointId: string) => number,
  { maxPoints, maxAnswers } = ANSWER_CACHE_LIMITS,
): CachedBackend {
  const entries = new Map<string, Entry>();
  const stats: AnswerCacheStats = { hits: 0, joined: 0, computed: 0 };
  let points = 0;

  function remove(key: string, entry: Entry): void {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    points -= entry.points ?? 0;
  }

  return {
    queryPanel(endpoint, query) {
      // One instant (a headline figure at `now`): asked at a new instant every time, never kept.
      if (query.fromMs === query.toMs) {
        stats.computed += 1;
        return backend.queryPanel(endpoint, query);
      }
      const key = keyOf(endpoint.id, query);
      const version = versionOf(endpoint.id);
      const known = entries.get(key);
      if (known && known.version === version) {
        // Map order is recency order: a hit moves the answer to the end.
        entries.delete(key);
        entries.set(key, known);
        if (known.points === null) stats.joined += 1;
        else stats.hits += 1;
        return known.answer;
      }
      if (known) remove(key, known);
      stats.computed += 1;
      const entry: Entry = { version, answer: backend.queryPanel(endpoint, query), points: null };
      entries.set(key, entry);
      entry.answer.then(
        (response) => {
          if (entries.get(key) !== entry) return;
          entry.points = pointsOf(response);
          points += entry.points;
          // The answer count bounds answers without points (not reported), which the points would not.
          for (const [oldKey, old] of entries) {
            if ((points <= maxPoints && entries.size <= maxAnswers) || old === entry) break;
            remove(oldKey, old);
          }
        },
        // A failure is not an answer: the next asker computes again.
        () => remove(key, entry),
      );
      return entry.answer;
    },
    stats: () => ({ ...stats }),
  };
}
