import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { canMountTmpfs, mountTmpfs, unmount } from "@/test-support/tmpfs";

const root = mkdtempSync(join(tmpdir(), "servescope-startup-"));
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) unmount(dir);
  rmSync(root, { recursive: true, force: true });
});

const bin = fileURLToPath(new URL("../bin/servescope.mjs", import.meta.url));
const registerScript = fileURLToPath(new URL("../test-support/register.script.ts", import.meta.url));

/** Runs a command with SERVESCOPE_DATA_DIR set; a process still running after 30 s has hung and is killed. */
function run(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      // No source configured (the demo would start, after the check), nothing from this shell.
      env: {
        PATH: process.env.PATH,
        HOME: root,
        NODE_ENV: "production",
        NEXT_RUNTIME: "nodejs",
        SERVESCOPE_DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim(), hung: signal === "SIGKILL" });
    });
  });
}

const file = join(root, "a-file");
writeFileSync(file, "not a directory");
const garbage = join(root, "garbage");
mkdirSync(garbage);
writeFileSync(join(garbage, "servescope.db"), "x".repeat(8192));
const readOnly = join(root, "read-only");

const cases: [string, string, string][] = [
  ["a file", file, `SERVESCOPE_DATA_DIR: ${file} is a file, not a directory`],
  [
    "a path under /proc",
    "/proc/servescope",
    "SERVESCOPE_DATA_DIR: /proc/servescope is on the kernel's proc filesystem, not on storage: choose a directory on a disk",
  ],
  [
    "an unopenable database",
    garbage,
    `SERVESCOPE_DATA_DIR: ${garbage} holds servescope.db, which cannot be opened as a database: file is not a database (SQLITE_NOTADB)`,
  ],
];
const serve = (dir: string) => run([bin, "serve"], dir);
const boot = (dir: string) => run(["--conditions=react-server", "--import", "tsx", registerScript], dir);

describe("a data directory that cannot hold the store", () => {
  it.each(cases)(
    "with %s, `servescope serve` exits 1 before listening, naming the variable",
    async (_, dir, message) => {
      // Nothing on stdout: it never got as far as "Servescope on http://…" (the web server's start).
      expect(await serve(dir)).toEqual({ code: 1, stdout: "", stderr: `servescope: ${message}`, hung: false });
    },
  );

  it.each(cases)("with %s, the server's start-up (instrumentation) exits 1", async (_, dir, message) => {
    const result = await boot(dir);
    expect(result).toMatchObject({ code: 1, hung: false });
    expect(result.stderr.split("\n")).toContain(`servescope: ${message}`);
  });

  const canMount = canMountTmpfs(join(root, "scratch"));
  it.skipIf(!canMount)("on a read-only mount, both exit 1 (needs the right to mount a tmpfs)", async () => {
    expect(mountTmpfs(readOnly, 1024, { readOnly: true })).toBe(true);
    mounted.push(readOnly);
    const message = `servescope: SERVESCOPE_DATA_DIR: ${readOnly} cannot be written: read-only file system (EROFS)`;
    expect(await serve(readOnly)).toEqual({ code: 1, stdout: "", stderr: message, hung: false });
    expect((await boot(readOnly)).stderr.split("\n")).toContain(message);
  });
});
