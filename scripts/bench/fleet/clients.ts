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

/** `clients` loops, each sending its next request as soon as the last one is answered, for `durationMs`. */
export async function runClients(
  clients: number,
  durationMs: number,
  request: (index: number) => Promise<Response>,
): Promise<Timed[]> {
  const until = performance.now() + durationMs;
  const answered: Timed[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) answered.push(await timeOne(next++, request));
    }),
  );
  return answered;
}

/** Each request alone, one after another: the peer of the concurrent run. */
export async function runSequential(count: number, request: (index: number) => Promise<Response>): Promise<Timed[]> {
  const answered: Timed[] = [];
  for (let i = 0; i < count; i++) answered.push(await timeOne(i, request));
  return answered;
}
