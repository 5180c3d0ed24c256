import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./store";

const dir = mkdtempSync(join(tmpdir(), "servescope-kill-"));
const script = fileURLToPath(new URL("../../test-support/ingest-loop.script.ts", import.meta.url));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the ingest loop until it has committed `batches` batches, then SIGKILLs it. */
function ingestThenKill(path: string, batches: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not the tsx CLI: the CLI runs the script in a grandchild SIGKILL would miss.
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, path], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let lastCommitted = -1;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      const lines = chunk.toString().trim().split("\n");
      lastCommitted = Number(lines[lines.length - 1]);
      if (lastCommitted >= batches - 1) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      if (signal === "SIGKILL") resolve(lastCommitted);
      else reject(new Error(`ingest loop exited on its own: ${stderr}`));
    });
  });
}

describe("a writer killed mid-ingest", () => {
  it("leaves every committed batch, whole, in a database that is not corrupt", async () => {
    const path = join(dir, "store.db");
    const lastCommitted = await ingestThenKill(path, 40);
    expect(lastCommitted).toBeGreaterThanOrEqual(39);

    const db = new Database(path, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    // Window k of 500 s holds batch k exactly: its samples are 1 s apart from T0 + k × 500 s.
    const store = openStore(path);
    const { series } = store.readWindows({
      endpointId: "e",
      metric: "requests_total",
      fromMs: 1_788_717_600_000 + 499_000,
      toMs: 1_788_717_600_000 + 499_000 + 10_000 * 500_000,
      stepMs: 500_000,
    });
    const perBatch = series[0]?.count.map((_, k) => series.reduce((n, s) => n + (s.count[k] as number), 0)) ?? [];
    const counts = Array.from(perBatch).filter((n) => n > 0);
    // Batches committed after the last one printed may be there too, but only whole.
    expect(counts.length).toBeGreaterThanOrEqual(lastCommitted + 1);
    expect(Array.from(perBatch.slice(0, counts.length))).toEqual(counts);
    expect(new Set(counts)).toEqual(new Set([500]));

    // The store carries on from where the writer stopped.
    const next = counts.length * 500;
    const write = store.writeSamples("e", [
      {
        metric: "requests_total",
        labels: { replica: "r0", code: "200" },
        value: 1,
        timestampMs: 1_788_717_600_000 + next * 1000,
      },
    ]);
    expect(write, `after ${counts.length} batches`).toEqual({ written: 1, ignored: 0 });
    store.close();
  });
});
