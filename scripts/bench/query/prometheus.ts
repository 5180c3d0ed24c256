import { execFile } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

/** promtool, two at a time (one per core), fed 2-hour files: it re-reads its whole input once per block. */
export function createBackfill(promDir: string, concurrency = 2) {
  const run = promisify(execFile);
  const queue: string[] = [];
  let active = 0;
  let failure: unknown = null;
  function pump(): void {
    while (active < concurrency && queue.length > 0 && !failure) {
      const file = queue.shift()!;
      active++;
      run("promtool", ["tsdb", "create-blocks-from", "openmetrics", "-q", file, promDir], { maxBuffer: 1 << 26 })
        .then(() => rmSync(file))
        .catch((error: unknown) => (failure = error))
        .finally(() => {
          active--;
          pump();
        });
    }
  }
  /** Resolves once fewer than `limit` files wait (or everything is done); rejects on promtool's first failure. */
  function until(limit: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (failure) reject(failure);
        else if (queue.length + active < limit || (queue.length === 0 && active === 0)) resolve();
        else setTimeout(check, 100);
      };
      check();
    });
  }
  return {
    /** Queues a file; waits while the queue is full, so the folder holds a few files at a time. */
    async add(file: string): Promise<void> {
      queue.push(file);
      pump();
      await until(2 * concurrency);
    },
    drain: () => until(0),
  };
}

export function duBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? duBytes(path) : statSync(path).size;
  }
  return total;
}
