import { execFile } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

/** promtool runs beside the ingest (one at a time, the other core is ingesting), then two at a time. */
export function createBackfill(promDir: string) {
  const run = promisify(execFile);
  const queue: string[] = [];
  let active = 0;
  let limit = 1;
  let failure: unknown = null;
  let onIdle: (() => void) | null = null;
  function pump(): void {
    while (active < limit && queue.length > 0 && !failure) {
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
    if ((active === 0 && queue.length === 0) || failure) onIdle?.();
  }
  return {
    add(file: string): void {
      queue.push(file);
      pump();
    },
    async drain(concurrency: number): Promise<void> {
      limit = concurrency;
      await new Promise<void>((resolve) => {
        onIdle = resolve;
        pump();
      });
      if (failure) throw failure;
    },
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

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
