import "server-only";
import type Database from "better-sqlite3";
import { ROLLUP_BUCKETS_MS } from "@/lib/time/horizons";
import { samplesToChunks } from "./samples-to-chunks";

/** Roll-up tiers, finest first. Bucket `b` of a tier holds the samples with ts in ((b−1)·res, b·res] seconds. */
export const ROLLUP_TIERS = [
  { table: "rollup_5m", resolutionS: ROLLUP_BUCKETS_MS[0] / 1000 },
  { table: "rollup_15m", resolutionS: ROLLUP_BUCKETS_MS[1] / 1000 },
  { table: "rollup_1h", resolutionS: ROLLUP_BUCKETS_MS[2] / 1000 },
] as const;
export type RollupTier = (typeof ROLLUP_TIERS)[number];

const SCHEMA_VERSION = 7;

/**
 * The meta row counting every series added or removed, by triggers, whichever connection writes:
 * a reader keeps the series table's rows in memory until it changes (series-reader.ts).
 */
export const SERIES_CHANGES_KEY = "series_changes";

// Raw samples live in chunks (chunk-codec.ts): one row per series per up to 240 samples within an
// hour, keyed (series_id, first ts in ms). Roll-ups are WITHOUT ROWID, keyed (series_id, bucket):
// one B-tree, range scans per series; REAL columns store whole numbers as integers on disk. Blocks
// of 96 buckets move into one blob per series (rollup-blocks.ts), keyed (series_id, block).
const DDL = `
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY,
  endpoint TEXT NOT NULL,
  metric TEXT NOT NULL,
  labels TEXT NOT NULL,
  replica TEXT NOT NULL,
  UNIQUE (endpoint, metric, labels)
);
CREATE TABLE IF NOT EXISTS chunks (
  series_id INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  n INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (series_id, start)
);
${ROLLUP_TIERS.map(
  ({ table }) => `CREATE TABLE IF NOT EXISTS ${table} (
  series_id INTEGER NOT NULL,
  b INTEGER NOT NULL,
  count INTEGER NOT NULL,
  sum REAL NOT NULL,
  max REAL NOT NULL,
  PRIMARY KEY (series_id, b)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ${table}_blocks (
  series_id INTEGER NOT NULL,
  k INTEGER NOT NULL,
  n INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (series_id, k)
);`,
).join("\n")}
CREATE TABLE IF NOT EXISTS endpoints (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS replicas (
  endpoint TEXT NOT NULL,
  id TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (endpoint, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scrapes (
  endpoint TEXT NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  status INTEGER,
  error TEXT,
  duration_ms REAL NOT NULL,
  bytes INTEGER NOT NULL,
  parse_errors INTEGER NOT NULL,
  warnings TEXT,
  PRIMARY KEY (endpoint, at)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  endpoint TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (endpoint, at, kind, text)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('${SERIES_CHANGES_KEY}', 0);
CREATE TRIGGER IF NOT EXISTS series_added AFTER INSERT ON series
  BEGIN UPDATE meta SET value = value + 1 WHERE key = '${SERIES_CHANGES_KEY}'; END;
CREATE TRIGGER IF NOT EXISTS series_removed AFTER DELETE ON series
  BEGIN UPDATE meta SET value = value + 1 WHERE key = '${SERIES_CHANGES_KEY}'; END;
`;

/** Each connection's page cache: the last two days of raw samples stay hot during ingest, the charts' roll-ups while read. */
export const PAGE_CACHE_KIB = 65_536;

/**
 * Pages the WAL holds before a commit checkpoints them into the database file (SQLite's default is
 * 1,000). A 5-minute batch of 217 series dirtied 24–86 pages as history grew (open chunks and roll-up
 * buckets sit apart): at 1,000 a checkpoint and its fsyncs came every dozen commits; at 10,000 every
 * hundred or so, and a page rewritten by many commits is copied once. The WAL file holds ~40 MB.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

export function applyPragmas(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  // A WAL that grew past its usual size (a long read held checkpoints back) is cut back after one.
  db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_PAGES * 4096 * 2}`);
  db.pragma("foreign_keys = OFF");
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  db.pragma("temp_store = MEMORY");
}

/** Upgrades from version `from` to `from + 1`; roll-up buckets did not change meaning. */
const UPGRADES: Record<number, (db: Database.Database) => void> = {
  // v1 stored sample times as whole seconds, rounded up: keep them, in ms.
  1: (db) => db.exec("UPDATE samples SET ts = ts * 1000"),
  2: samplesToChunks,
  // What the collector kept back from a scrape (series over the limits, a deferred next scrape): JSON array.
  // (The table is new, with the column, when the database predates it.)
  3: (db) => {
    const columns = db.pragma("table_info(scrapes)") as { name: string }[];
    if (!columns.some((column) => column.name === "warnings")) db.exec("ALTER TABLE scrapes ADD COLUMN warnings TEXT");
  },
  // Change events (config, state, replicas): a new table, which the DDL above has just created.
  4: () => {},
  // The 15-minute tier (created empty by the DDL above), filled from the 5-minute one: bucket B holds
  // 5-minute buckets 3B−2 … 3B, and both tiers span the roll-up retention. (Replacing: a database
  // made by a newer build and set back to an older version, as the tests do, has the tier already.)
  5: (db) =>
    db.exec(`INSERT OR REPLACE INTO rollup_15m (series_id, b, count, sum, max)
      SELECT series_id, (b + 2) / 3, SUM(count), SUM(sum), MAX(max) FROM rollup_5m GROUP BY series_id, (b + 2) / 3`),
  // Roll-up blocks (tables the DDL above has just created): the rows stay readable as they are, and
  // retention compacts them a batch at a time.
  6: () => {},
};

export function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`store schema version ${version} is newer than this build (${SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    db.exec(DDL);
    for (let v = version; v > 0 && v < SCHEMA_VERSION; v++) (UPGRADES[v] as (db: Database.Database) => void)(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
