import type { CollectorSink } from "../../../lib/collector/types";

/** A scrape the store took: when it started, how late against its schedule, what it brought. */
export interface SavedScrape {
  atMs: number;
  latenessMs: number;
  samples: number;
  ok: boolean;
  error: string | null;
}

/** Wraps the collector's sink: every scrape the store takes is also recorded here, and the CPU it took. */
export function createMeasuringSink(sink: CollectorSink) {
  const saved: SavedScrape[] = [];
  let writeCpuMicros = 0;
  return {
    saved,
    /** CPU seconds spent writing scrapes into the store. */
    writeCpuSeconds: () => writeCpuMicros / 1e6,
    sink: {
      ...sink,
      saveScrape(scrape) {
        const started = process.cpuUsage();
        try {
          sink.saveScrape(scrape);
        } finally {
          const used = process.cpuUsage(started);
          writeCpuMicros += used.user + used.system;
        }
        // After the write: a write the store refuses is retried and would otherwise count twice.
        saved.push({
          atMs: scrape.at,
          latenessMs: scrape.at - scrape.dueAtMs,
          samples: scrape.samples.length,
          ok: scrape.ok,
          error: scrape.error,
        });
      },
    } satisfies CollectorSink,
  };
}
