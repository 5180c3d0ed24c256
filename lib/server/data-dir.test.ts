import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDataDir, DataDirError, prepareDataDir } from "./data-dir";

const root = mkdtempSync(join(tmpdir(), "servescope-datadir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function failure(dir: string): string {
  try {
    checkDataDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirError);
    return (error as Error).message;
  }
  throw new Error(`${dir} was accepted`);
}

describe("the data directory check", () => {
  it("creates a missing directory, several levels deep, and opens the store in it", () => {
    const dir = join(root, "a", "b", "data");
    expect(prepareDataDir(dir)).toBe(join(dir, "servescope.db"));
    checkDataDir(dir);
  });

  it("refuses a file, and a path under a file", () => {
    const file = join(root, "plain-file");
    writeFileSync(file, "not a directory");
    expect(failure(file)).toBe(`SERVESCOPE_DATA_DIR: ${file} is a file, not a directory`);
    expect(failure(join(file, "data"))).toBe(
      `SERVESCOPE_DATA_DIR: ${join(file, "data")} cannot be created: ${file} is a file`,
    );
  });

  it("refuses a database file that is not a database", () => {
    const dir = join(root, "garbage");
    mkdirSync(dir);
    writeFileSync(join(dir, "servescope.db"), "x".repeat(8192));
    expect(failure(dir)).toBe(
      `SERVESCOPE_DATA_DIR: ${dir} holds servescope.db, which cannot be opened as a database: file is not a database (SQLITE_NOTADB)`,
    );
  });

  it("refuses a database path that is a directory", () => {
    const dir = join(root, "dir-db");
    mkdirSync(join(dir, "servescope.db"), { recursive: true });
    expect(failure(dir)).toMatch(
      new RegExp(`^SERVESCOPE_DATA_DIR: ${dir} holds servescope.db, which cannot be opened as a database: .+`),
    );
  });
});
