import "server-only";
import { SinkUnavailableError, type CollectedScrape, type WriteState } from "./types";

export interface WriteQueueOptions {
  save: (scrape: CollectedScrape) => void;
  /** Runs a flush's saves as one write (CollectorSink.saveTogether). */
  together: (write: () => void) => void;
  /** Beyond this many samples waiting, the oldest scrapes are dropped (each scrape counts one more). */
  maxPendingSamples: number;
  log: (message: string) => void;
}

// One flush writes about this many samples, so a backlog drains over a few ticks without
// holding the event loop (and every request) for seconds.
const SAMPLES_PER_FLUSH = 100_000;

const weight = (scrape: CollectedScrape) => scrape.samples.length + 1;

/**
 * Scrapes on their way to the store. A write the store refuses for now (disk full, read-only)
 * keeps the scrape, in order, and the next flush retries it; memory stays bounded by dropping the
 * oldest. A scrape the store rejects for its own content is dropped alone and logged.
 */
export function createWriteQueue({ save, together, maxPendingSamples, log }: WriteQueueOptions) {
  let pending: CollectedScrape[] = [];
  const waiting = new Set<CollectedScrape>();
  const dropped = new WeakSet<CollectedScrape>();
  let pendingWeight = 0;
  const state: Omit<WriteState, "pendingScrapes" | "pendingSamples"> = {
    failingSince: null,
    lastFlushAt: null,
    lastFlushError: null,
    droppedSamples: 0,
    droppedScrapes: 0,
  };

  function drop(scrapes: CollectedScrape[]): void {
    for (const scrape of scrapes) {
      waiting.delete(scrape);
      dropped.add(scrape);
      pendingWeight -= weight(scrape);
      state.droppedSamples += scrape.samples.length;
      state.droppedScrapes += 1;
    }
  }

  function enqueue(scrape: CollectedScrape): void {
    pending.push(scrape);
    waiting.add(scrape);
    pendingWeight += weight(scrape);
    // The newest scrape always stays: one scrape is bounded by the per-scrape series limit.
    let excess = 0;
    for (let over = pendingWeight - maxPendingSamples; over > 0 && excess < pending.length - 1; excess++) {
      over -= weight(pending[excess] as CollectedScrape);
    }
    if (excess > 0) drop(pending.splice(0, excess));
  }

  /** Saves the oldest scrapes, up to SAMPLES_PER_FLUSH samples, as one write; how many it saved. */
  function saveOldest(): number {
    let saved = 0;
    let samples = 0;
    while (saved < pending.length && samples < SAMPLES_PER_FLUSH) {
      const scrape = pending[saved] as CollectedScrape;
      try {
        save(scrape);
      } catch (error) {
        // Out of the write: none of its saves stay, all are retried.
        if (error instanceof SinkUnavailableError) throw error;
        log(`dropped a scrape of ${scrape.endpointId} the store rejected: ${String(error)}`);
        drop(pending.splice(saved, 1));
        continue;
      }
      samples += scrape.samples.length;
      saved += 1;
    }
    return saved;
  }

  function flush(): void {
    let written = 0;
    let refused: string | null = null;
    try {
      together(() => {
        written = saveOldest();
      });
    } catch (error) {
      // Nothing of this flush was committed: whatever failed, the scrapes stay to be retried.
      written = 0;
      refused = error instanceof Error ? error.message : String(error);
    }
    if (written > 0) {
      for (const scrape of pending.slice(0, written)) {
        waiting.delete(scrape);
        pendingWeight -= weight(scrape);
      }
      pending = pending.slice(written);
      state.lastFlushAt = Date.now();
    }
    if (refused !== null) {
      if (state.failingSince === null) log(`cannot write to the store; keeping scrapes to retry: ${refused}`);
      state.failingSince ??= Date.now();
      state.lastFlushError = refused;
    } else if (state.failingSince !== null) {
      log(`writing to the store again (${state.droppedScrapes} scrapes dropped since the process started)`);
      state.failingSince = null;
      state.lastFlushError = null;
    }
  }

  return {
    enqueue,
    flush,
    /** Whether a scrape is still waiting to be written, was given up on, or is stored. */
    fate(scrape: CollectedScrape): "pending" | "dropped" | "written" {
      if (waiting.has(scrape)) return "pending";
      return dropped.has(scrape) ? "dropped" : "written";
    },
    state(): WriteState {
      return { ...state, pendingScrapes: pending.length, pendingSamples: pendingWeight - pending.length };
    },
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;
