import "server-only";
import { mkdirSync, statfsSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { openStore, type Store } from "@/lib/store";

/** The data directory cannot hold the store; the message names SERVESCOPE_DATA_DIR and says why. */
export class DataDirError extends Error {
  override name = "DataDirError";
}

const VARIABLE = "SERVESCOPE_DATA_DIR";
const DATABASE_FILE = "servescope.db";

// Linux filesystems that are views of the kernel, not storage (statfs f_type). SQLite on them fails
// at best; `mkdir -p` under /proc loops forever in Node, deaf to signals.
const PSEUDO_FILESYSTEMS: Record<number, string> = {
  0x9fa0: "proc",
  0x62656572: "sysfs",
  0x1cd1: "devpts",
  0x64626720: "debugfs",
  0x74726163: "tracefs",
  0x73636673: "securityfs",
  0x27e0eb: "cgroup",
  0x63677270: "cgroup2",
  0xcafe4a11: "bpf",
  0x6165676c: "pstore",
  0x62656570: "configfs",
  0xde5e81e4: "efivarfs",
  0x6e736673: "nsfs",
  0x19800202: "mqueue",
  0x42494e4d: "binfmt_misc",
};

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = (message ?? String(error)).replace(/^[A-Z]+: /, "").replace(/, \w+ '[^']*'$/, "");
  return code ? `${text} (${code})` : text;
}

function fail(dir: string, why: string): never {
  throw new DataDirError(`${VARIABLE}: ${dir} ${why}`);
}

/** The deepest part of `dir` that exists (the root at worst). */
function existingAncestor(dir: string): string {
  for (let path = dir; ; path = dirname(path)) {
    try {
      statSync(path);
      return path;
    } catch (error) {
      if (dirname(path) === path) fail(dir, `cannot be read: ${describe(error)}`);
    }
  }
}

/** Creates the missing directories one level at a time, so no fault can turn into a retry loop. */
function makeDirectories(dir: string, from: string): void {
  const missing: string[] = [];
  for (let path = dir; path !== from; path = dirname(path)) missing.unshift(path);
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      fail(dir, `cannot be created: ${describe(error)}`);
    }
  }
}

/**
 * Makes sure the data directory can hold the store: a directory (created if missing) on real
 * storage, writable. Returns the database file's path. Throws DataDirError otherwise.
 */
export function prepareDataDir(configured: string): string {
  const dir = resolve(configured);
  const ancestor = existingAncestor(dir);
  if (!statSync(ancestor).isDirectory()) {
    fail(dir, ancestor === dir ? "is a file, not a directory" : `cannot be created: ${ancestor} is a file`);
  }
  if (process.platform === "linux") {
    const kind = PSEUDO_FILESYSTEMS[statfsSync(ancestor).type];
    if (kind) fail(dir, `is on the kernel's ${kind} filesystem, not on storage: choose a directory on a disk`);
  }
  makeDirectories(dir, ancestor);
  const probe = join(dir, `.servescope-write-check-${process.pid}`);
  try {
    writeFileSync(probe, "servescope\n");
    unlinkSync(probe);
  } catch (error) {
    fail(dir, `cannot be written: ${describe(error)}`);
  }
  return storeFileIn(configured);
}

/** The database file of the store in the data directory. */
export function storeFileIn(configured: string): string {
  return join(resolve(configured), DATABASE_FILE);
}

/** Opens the embedded store in the data directory; throws DataDirError naming what is wrong. */
export function openStoreIn(configured: string): Store {
  const path = prepareDataDir(configured);
  try {
    return openStore(path);
  } catch (error) {
    fail(resolve(configured), `holds ${DATABASE_FILE}, which cannot be opened as a database: ${describe(error)}`);
  }
}

/** The check `servescope serve` runs before it starts the web server: the store opens, then closes. */
export function checkDataDir(configured: string): void {
  openStoreIn(configured).close();
}
