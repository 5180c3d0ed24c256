import "server-only";
import type Database from "better-sqlite3";
import { ALL_REPLICAS, type CanonicalMetric } from "@/lib/model/canonical";
import { gridLength } from "@/lib/time/grid";
import { parseLabelsKey } from "./labels";
import { createChunkTable } from "./chunk-table";
import { isCumulative } from "./counters";
import { createRollupBlocks } from "./rollup-blocks";
import { ROLLUP_TIERS, SERIES_CHANGES_KEY, type RollupTier } from "./schema";
import { foldBlocks, foldBuckets, foldSamples } from "./window-fold";
import type { SeriesWindows, WindowQuery, WindowRange } from "./windows";

export type Resolution = "raw" | RollupTier["table"];

export interface WindowResult {
  resolution: Resolution;
  series: SeriesWindows[];
}

interface SeriesRow {
  id: number;
  labels: string;
  replica: string;
}

/** A series row with its labels parsed once, when the row is read (shared by every read of it: frozen). */
interface ReadRow<R extends SeriesRow = SeriesRow> {
  row: R;
  labels: Readonly<Record<string, string>>;
}

function parsed<R extends SeriesRow>(rows: readonly R[]): ReadRow<R>[] {
  return rows.map((row) => ({ row, labels: Object.freeze(parseLabelsKey(row.labels)) }));
}

/** Reads series summarised per grid window, from raw chunks or the coarsest roll-up that fits. */
export function createSeriesReader(db: Database.Database, rawHorizonMs: () => number) {
  const selectSeries = db.prepare<[string, string], SeriesRow>(
    "SELECT id, labels, replica FROM series WHERE endpoint = ? AND metric = ? ORDER BY id",
  );
  const selectMetrics = db.prepare<[string], { metric: string }>(
    "SELECT DISTINCT metric FROM series WHERE endpoint = ?",
  );
  // One series per replica: every scrape of a replica writes all of its families at once.
  const selectReplicaSeries = db.prepare<[string], SeriesRow & { metric: string }>(
    `SELECT MIN(id) AS id, labels, replica, metric FROM series
     WHERE endpoint = ? AND replica != '${ALL_REPLICAS}' GROUP BY replica ORDER BY replica`,
  );
  const selectSeriesChanges = db
    .prepare<[], number>(`SELECT value FROM meta WHERE key = '${SERIES_CHANGES_KEY}'`)
    .pluck();
  const chunks = createChunkTable(db);
  const blocks = createRollupBlocks(db);
  const rollups = ROLLUP_TIERS.map((tier, index) => ({
    tier,
    index,
    statement: db
      .prepare<[number, number, number]>(
        `SELECT b, count, sum, max FROM ${tier.table} WHERE series_id = ? AND b > ? AND b <= ?`,
      )
      .raw(),
  }));

  /**
   * The coarsest tier whose buckets tile the windows exactly; raw when none does and raw still
   * covers the range; else the finest tier whose buckets are no longer than a step (approximate).
   */
  function chooseSource(range: WindowRange) {
    const exact = [...rollups].reverse().find(({ tier }) => {
      const resMs = tier.resolutionS * 1000;
      return range.stepMs % resMs === 0 && range.fromMs % resMs === 0;
    });
    if (exact) return exact;
    if (range.fromMs - range.stepMs >= rawHorizonMs()) return null;
    return rollups.find(({ tier }) => tier.resolutionS * 1000 <= range.stepMs) ?? null;
  }

  /**
   * Folds a counter's last window from raw samples, with the span its increases cover: that window
   * is usually still open (`to` is rounded up to the step), and a roll-up cannot say how much of it
   * has elapsed, so its increase ÷ the whole step understated the latest rate. Views of the last
   * element: the fold writes into `windows` itself.
   */
  function foldLastWindowFromRaw(windows: SeriesWindows, seriesId: number, range: WindowRange): void {
    const last = windows.count.length - 1;
    windows.coveredMs = new Float64Array(last + 1);
    const tail: SeriesWindows = {
      labels: windows.labels,
      count: windows.count.subarray(last),
      sum: windows.sum.subarray(last),
      max: windows.max.subarray(last),
      coveredMs: windows.coveredMs.subarray(last),
    };
    const tailRange = { fromMs: range.toMs, toMs: range.toMs, stepMs: range.stepMs };
    foldSamples(tail, chunks.read(seriesId, range.toMs - range.stepMs, range.toMs), tailRange, true);
  }

  /** Summarises the rows one at a time, so a reader that folds them holds one series' windows at once. */
  function summariseEach(
    rows: readonly ReadRow[],
    metric: CanonicalMetric,
    range: WindowRange,
    visit: (windows: SeriesWindows) => void,
  ): Resolution {
    const source = chooseSource(range);
    const resolution: Resolution = source ? source.tier.table : "raw";
    const n = gridLength(range.fromMs, range.toMs, range.stepMs);
    const cumulative = isCumulative(metric);
    for (const { row, labels } of rows) {
      const windows: SeriesWindows = {
        labels,
        count: new Float64Array(n),
        sum: new Float64Array(n),
        max: new Float64Array(n).fill(Number.NaN),
        ...(!source && cumulative ? { coveredMs: new Float64Array(n) } : {}),
      };
      if (source) {
        const resMs = source.tier.resolutionS * 1000;
        // A step of margin: the last window's first increase needs the sample before it.
        const tailFromRaw = cumulative && range.toMs - 2 * range.stepMs >= rawHorizonMs();
        const lo = Math.floor((range.fromMs - range.stepMs) / resMs);
        const hi = Math.floor((tailFromRaw ? range.toMs - range.stepMs : range.toMs) / resMs);
        // Complete blocks first, then the rows still beside them (a late sample's, or the open block's).
        foldBlocks(windows, blocks.read(source.index, row.id, lo, hi), lo, hi, resMs, range);
        foldBuckets(windows, source.statement.all(row.id, lo, hi) as number[][], resMs, range);
        if (tailFromRaw) foldLastWindowFromRaw(windows, row.id, range);
      } else {
        foldSamples(windows, chunks.read(row.id, range.fromMs - range.stepMs, range.toMs), range, cumulative);
      }
      visit(windows);
    }
    return resolution;
  }

  function summarise(rows: readonly ReadRow[], metric: CanonicalMetric, range: WindowRange): WindowResult {
    const series: SeriesWindows[] = [];
    const resolution = summariseEach(rows, metric, range, (windows) => series.push(windows));
    return { resolution, series };
  }

  // The series table's rows as last read, until a series is added or removed (one indexed read to
  // know): a fleet's figures asked the table 30,000 times for rows that had not changed.
  let seriesChanges: number | undefined;
  const catalog = {
    metrics: new Map<string, ReadonlySet<CanonicalMetric>>(),
    series: new Map<string, readonly ReadRow[]>(),
    replicaSeries: new Map<string, readonly ReadRow<SeriesRow & { metric: string }>[]>(),
  };
  function cached<K, V>(map: Map<K, V>, key: K, read: () => V): V {
    const changes = selectSeriesChanges.get();
    // No counter (a database no writer of this build has opened yet): nothing to keep rows by.
    if (changes === undefined) return read();
    if (changes !== seriesChanges) {
      seriesChanges = changes;
      for (const entries of Object.values(catalog)) entries.clear();
    }
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = read()));
    return value;
  }

  function seriesOf(query: WindowQuery): readonly ReadRow[] {
    const rows = cached(catalog.series, `${query.endpointId}\n${query.metric}`, () =>
      parsed(selectSeries.all(query.endpointId, query.metric)),
    );
    const { replica, labelIn } = query;
    const ofReplica = replica
      ? rows.filter(({ row }) => row.replica === replica || row.replica === ALL_REPLICAS)
      : rows;
    return labelIn ? ofReplica.filter(({ labels }) => labelIn.values.includes(labels[labelIn.name] ?? "")) : ofReplica;
  }

  return {
    /** Metrics this endpoint has ever reported (and that retention has not yet forgotten). */
    listMetrics(endpointId: string): ReadonlySet<CanonicalMetric> {
      return cached(
        catalog.metrics,
        endpointId,
        () => new Set(selectMetrics.all(endpointId).map((r) => r.metric as CanonicalMetric)),
      );
    },
    readWindows(query: WindowQuery): WindowResult {
      return summarise(seriesOf(query), query.metric, query);
    },
    /** The same series as readWindows, handed to `visit` one at a time (bounded memory for many series). */
    eachWindows(query: WindowQuery, visit: (windows: SeriesWindows) => void): Resolution {
      return summariseEach(seriesOf(query), query.metric, query, visit);
    },
    /**
     * One series per replica (not "all"), or only `replica`'s: count > 0 where it reported in the
     * window. A replica that never reported gets an empty series, so "no such replica" reads as
     * gaps, and an endpoint without per-replica data gets no series at all.
     */
    readReplicaPresence(endpointId: string, range: WindowRange, replica?: string): WindowResult {
      const all = cached(catalog.replicaSeries, endpointId, () => parsed(selectReplicaSeries.all(endpointId)));
      const rows = replica === undefined ? all : all.filter(({ row }) => row.replica === replica);
      if (rows.length === 0 && all.length > 0) {
        const n = gridLength(range.fromMs, range.toMs, range.stepMs);
        const empty = new Float64Array(n);
        return {
          resolution: "raw",
          series: [{ labels: { replica: replica ?? "" }, count: empty, sum: empty, max: empty }],
        };
      }
      const metrics = [...new Set(rows.map(({ row }) => row.metric as CanonicalMetric))];
      const results = metrics.map((metric) =>
        summarise(
          rows.filter(({ row }) => row.metric === metric),
          metric,
          range,
        ),
      );
      return {
        resolution: results[0]?.resolution ?? "raw",
        series: results.flatMap((r) => r.series.map((s) => ({ ...s, labels: { replica: s.labels.replica ?? "" } }))),
      };
    },
  };
}
