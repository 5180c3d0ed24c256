import "server-only";
import type Database from "better-sqlite3";
import { z } from "zod";
import type { Replica, ScrapeOutcome } from "@/lib/api/schemas";
import { DiscoveredEndpointSchema, type DiscoveredEndpoint } from "@/lib/model/endpoint";

/** One scrape as the collector saw it; the API shows the ScrapeOutcome part. */
export interface ScrapeRecord extends ScrapeOutcome {
  endpointId: string;
  bytes: number;
  parseErrorCount: number;
}

const WarningsSchema = z.array(z.string());

export interface ReplicaSighting {
  id: string;
  state: string;
}

/** The state a replica gets when a scrape no longer lists it. */
export const GONE = "gone";

/** Endpoints, replicas and scrape outcomes: the small tables beside the samples. */
export function createCatalog(db: Database.Database) {
  const upsertEndpoint = db.prepare<[string, string, number]>(
    `INSERT INTO endpoints (id, json, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_ms = excluded.updated_ms`,
  );
  const selectEndpoints = db.prepare<[], { json: string }>("SELECT json FROM endpoints ORDER BY id");
  const selectEndpoint = db.prepare<[string], { json: string }>("SELECT json FROM endpoints WHERE id = ?");
  const selectUpdatedAt = db.prepare<[string], number>("SELECT updated_ms FROM endpoints WHERE id = ?").pluck();
  const upsertReplica = db.prepare<[string, string, number, number, string]>(
    `INSERT INTO replicas (endpoint, id, first_seen, last_seen, state) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (endpoint, id) DO UPDATE SET
       last_seen = MAX(last_seen, excluded.last_seen), state = excluded.state`,
  );
  const markGone = db.prepare<[string, string]>(
    `UPDATE replicas SET state = '${GONE}'
     WHERE endpoint = ? AND state != '${GONE}' AND id NOT IN (SELECT value FROM json_each(?))`,
  );
  const selectReplicas = db.prepare<[string], Replica>(
    `SELECT id, state, first_seen AS firstSeen, last_seen AS lastSeen
     FROM replicas WHERE endpoint = ? ORDER BY first_seen, id`,
  );
  const insertScrape = db.prepare(
    `INSERT OR REPLACE INTO scrapes (endpoint, at, ok, status, error, duration_ms, bytes, parse_errors, warnings)
     VALUES (@endpointId, @at, @ok, @status, @error, @durationMs, @bytes, @parseErrorCount, @warnings)`,
  );
  const selectLastScrape = db.prepare<
    [string],
    {
      at: number;
      ok: number;
      status: number | null;
      error: string | null;
      durationMs: number;
      warnings: string | null;
    }
  >(
    `SELECT at, ok, status, error, duration_ms AS durationMs, warnings
     FROM scrapes WHERE endpoint = ? ORDER BY at DESC LIMIT 1`,
  );

  const parseEndpoint = (row: { json: string }): DiscoveredEndpoint =>
    DiscoveredEndpointSchema.parse(JSON.parse(row.json));

  return {
    upsertEndpoints: db.transaction((endpoints: readonly DiscoveredEndpoint[], atMs: number) => {
      for (const e of endpoints) upsertEndpoint.run(e.id, JSON.stringify(e), atMs);
    }),
    listEndpoints: (): DiscoveredEndpoint[] => selectEndpoints.all().map(parseEndpoint),
    getEndpoint(id: string): DiscoveredEndpoint | null {
      const row = selectEndpoint.get(id);
      return row ? parseEndpoint(row) : null;
    },
    endpointUpdatedAt: (id: string): number | null => selectUpdatedAt.get(id) ?? null,
    /** The replicas one scrape listed; every other known replica of the endpoint is now gone. */
    observeReplicas: db.transaction((endpointId: string, replicas: readonly ReplicaSighting[], atMs: number) => {
      for (const r of replicas) upsertReplica.run(endpointId, r.id, atMs, atMs, r.state);
      markGone.run(endpointId, JSON.stringify(replicas.map((r) => r.id)));
    }),
    listReplicas: (endpointId: string): Replica[] => selectReplicas.all(endpointId),
    recordScrape(record: ScrapeRecord): void {
      const { endpointId, at, ok, status, error, durationMs, bytes, parseErrorCount } = record;
      const warnings = record.warnings?.length ? JSON.stringify(record.warnings) : null;
      insertScrape.run({ endpointId, at, ok: ok ? 1 : 0, status, error, durationMs, bytes, parseErrorCount, warnings });
    },
    lastScrape(endpointId: string): ScrapeOutcome | null {
      const row = selectLastScrape.get(endpointId);
      if (!row) return null;
      const { warnings, ...outcome } = row;
      return {
        ...outcome,
        ok: row.ok === 1,
        ...(warnings === null ? {} : { warnings: WarningsSchema.parse(JSON.parse(warnings)) }),
      };
    },
  };
}
