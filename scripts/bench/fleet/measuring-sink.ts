import type { CollectorSink } from "../../../lib/collector/types";

/** A scrape the store took: when it started, how late against its schedule, what it brought. */
export interface SavedScrape {
  atMs: number;
  latenessMs: number;
  samples: number;
  ok: boolean;
  error: string | null;
}

/**
 * Wraps the collector's sink: every scrape the store takes is also recorded here, and the CPU its
 * writes took (a flush's saves and their one commit).
 */
export function createMeasuringSink(sink: CollectorSink) {
  const saved: SavedScrape[] = [];
  let writeCpuMicros = 0;
  // This flush's saves: recorded once committed, since a write the store refuses is retried and would count twice.
  let flushing: SavedScrape[] = [];
  return {
    saved,
    /** CPU seconds spent writing scrapes into the store. */
    writeCpuSeconds: () => writeCpuMicros / 1e6,
    sink: {
      ...sink,
      saveScrape(scrape) {
        sink.saveScrape(scrape);
        flushing.push({
          atMs: scrape.at,
          latenessMs: scrape.at - scrape.dueAtMs,
          samples: scrape.samples.length,
          ok: scrape.ok,
          error: scrape.error,
        });
      },
      saveTogether(write) {
        const started = process.cpuUsage();
        flushing = [];
        try {
          sink.saveTogether(write);
          saved.push(...flushing);
        } finally {
          flushing = [];
          const used = process.cpuUsage(started);
          writeCpuMicros += used.user + used.system;
        }
      },
    } satisfies CollectorSink,
  };
}
