/** One answered request: which of the mix, how long it took, and whether it was a 200 with a body. */
export interface Timed {
  index: number;
  ms: number;
  ok: boolean;
  bytes: number;
}

/** Calls `request(i)` for i = 0, 1, … and times it; an exception is a failed request, not a crash. */
async function timeOne(index: number, request: (index: number) => Promise<Response>): Promise<Timed> {
  const started = performance.now();
  // Each request starts in a task of its own, as one read from a socket does: the handler's awaits on
  // no I/O run through before the next request's start, and timers (the collector's) get turns between.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    const response = await request(index);
    const body = await response.text();
    return { index, ms: performance.now() - started, ok: response.status === 200, bytes: body.length };
  } catch {
    return { index, ms: performance.now() - started, ok: false, bytes: 0 };
  }
}

/** What a set of answered requests took: their times sorted, how many failed, their mean body size. */
export interface AnsweredSummary {
  count: number;
  sortedMs: Float64Array;
  errors: number;
  meanBytes: number;
}

/**
 * Answered requests kept column by column (21 bytes each): a soak answers millions, and an object
 * each (made while measuring or after) held hundreds of MB of the very memory the benchmark measures.
 */
export class AnsweredLog {
  private index = new Uint32Array(1024);
  private ms = new Float64Array(1024);
  private bytes = new Float64Array(1024);
  private ok = new Uint8Array(1024);
  length = 0;

  push({ index, ms, ok, bytes }: Timed): void {
    if (this.length === this.ms.length) this.grow();
    this.index[this.length] = index;
    this.ms[this.length] = ms;
    this.bytes[this.length] = bytes;
    this.ok[this.length] = ok ? 1 : 0;
    this.length += 1;
  }

  /** The requests whose mix index `keep` accepts (all without it), summed up from the columns. */
  summary(keep: (index: number) => boolean = () => true): AnsweredSummary {
    const kept = Uint8Array.from({ length: this.length }, (_, i) => (keep(this.index[i]!) ? 1 : 0));
    const sortedMs = new Float64Array(kept.reduce((n, k) => n + k, 0));
    let [at, errors, bytes] = [0, 0, 0];
    for (let i = 0; i < this.length; i++) {
      if (!kept[i]) continue;
      sortedMs[at++] = this.ms[i]!;
      errors += 1 - this.ok[i]!;
      bytes += this.bytes[i]!;
    }
    sortedMs.sort();
    return { count: at, sortedMs, errors, meanBytes: bytes / Math.max(1, at) };
  }

  private grow(): void {
    const size = this.ms.length * 2;
    this.index = copied(this.index, new Uint32Array(size));
    this.ms = copied(this.ms, new Float64Array(size));
    this.bytes = copied(this.bytes, new Float64Array(size));
    this.ok = copied(this.ok, new Uint8Array(size));
  }
}

function copied<T extends Uint32Array | Float64Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/** `clients` loops, each sending its next request as soon as the last one is answered, for `durationMs`. */
export async function runClients(
  clients: number,
  durationMs: number,
  request: (index: number) => Promise<Response>,
): Promise<AnsweredLog> {
  const until = performance.now() + durationMs;
  const answered = new AnsweredLog();
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) answered.push(await timeOne(next++, request));
    }),
  );
  return answered;
}

/** Each request alone, one after another: the peer of the concurrent run. */
export async function runSequential(
  count: number,
  request: (index: number) => Promise<Response>,
): Promise<AnsweredLog> {
  const answered = new AnsweredLog();
  for (let i = 0; i < count; i++) answered.push(await timeOne(i, request));
  return answered;
}
