import "server-only";
import type Database from "better-sqlite3";
import { createChunkTable, startsNewChunk } from "./chunk-table";

/** Schema 2 → 3: the row-per-sample table (ms timestamps) becomes chunks, series by series. */
export function samplesToChunks(db: Database.Database): void {
  const table = createChunkTable(db);
  const seriesIds = db.prepare<[], number>("SELECT DISTINCT series_id FROM samples").pluck().all();
  const select = db.prepare<[number], [number, number]>(
    "SELECT ts, value FROM samples WHERE series_id = ? ORDER BY ts",
  );
  for (const id of seriesIds) {
    let ts: number[] = [];
    let values: number[] = [];
    for (const [t, v] of select.raw().all(id)) {
      if (startsNewChunk(ts[ts.length - 1], ts.length, t)) {
        table.write(id, ts, values, ts.length);
        ts = [];
        values = [];
      }
      ts.push(t);
      values.push(v);
    }
    if (ts.length > 0) table.write(id, ts, values, ts.length);
  }
  db.exec("DROP TABLE samples");
}
