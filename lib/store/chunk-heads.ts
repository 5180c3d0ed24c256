import "server-only";
import { startsNewChunk, type createChunkTable } from "./chunk-table";

interface Head {
  seriesId: number;
  ts: number[];
  values: number[];
  dirty: boolean;
}

/**
 * The open (last) chunk of each series, in memory: appends go here and each dirty head is
 * rewritten with one upsert when the batch commits, so every committed batch is on disk.
 */
export function createChunkHeads(table: ReturnType<typeof createChunkTable>) {
  let heads = new Map<number, Head>();
  const dirty: Head[] = [];

  function load(seriesId: number): Head {
    const last = table.atOrBefore(seriesId, Number.MAX_SAFE_INTEGER);
    const head: Head = last
      ? { seriesId, ts: Array.from(last.ts), values: Array.from(last.values), dirty: false }
      : { seriesId, ts: [], values: [], dirty: false };
    heads.set(seriesId, head);
    return head;
  }

  function save(head: Head): void {
    table.write(head.seriesId, head.ts, head.values, head.ts.length);
    head.dirty = false;
  }

  return {
    /** Appends a sample newer than every stored one of its series. */
    append(seriesId: number, tsMs: number, value: number): void {
      let head = heads.get(seriesId) ?? load(seriesId);
      if (startsNewChunk(head.ts[head.ts.length - 1], head.ts.length, tsMs)) {
        if (head.dirty) save(head);
        head = { seriesId, ts: [], values: [], dirty: false };
        heads.set(seriesId, head);
      }
      head.ts.push(tsMs);
      head.values.push(value);
      if (!head.dirty) {
        head.dirty = true;
        dirty.push(head);
      }
    },
    /** Writes every head changed since the last flush. */
    flush(): void {
      for (const head of dirty) if (head.dirty) save(head);
      dirty.length = 0;
    },
    /** Drops one series' head, flushed, whose chunk was rewritten behind it. */
    drop(seriesId: number): void {
      heads.delete(seriesId);
    },
    /** Drops every head, unsaved changes too (after a rollback or retention). */
    forget(): void {
      heads = new Map();
      dirty.length = 0;
    },
  };
}
