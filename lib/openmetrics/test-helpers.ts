import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, and the shared folder beside it that holds the fixtures and the conformance corpus. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const SHARED_DIR = path.resolve(REPO_ROOT, "../shared");
export const CONFORMANCE_DIR = path.resolve(SHARED_DIR, "conformance/openmetrics");

export interface ConformanceCase {
  name: string;
  text: string;
  shouldParse: boolean;
}

/** Every case of the OpenMetrics conformance corpus: one folder with `metrics` and `test.json`. */
export function readConformanceCases(): ConformanceCase[] {
  return readdirSync(CONFORMANCE_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = path.join(CONFORMANCE_DIR, entry.name);
      const test: unknown = JSON.parse(readFileSync(path.join(dir, "test.json"), "utf8"));
      if (!isConformanceTest(test)) throw new Error(`${dir}/test.json: unexpected shape`);
      return { name: entry.name, text: readFileSync(path.join(dir, test.file), "utf8"), shouldParse: test.shouldParse };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function isConformanceTest(value: unknown): value is { file: string; shouldParse: boolean } {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.file === "string" && typeof record.shouldParse === "boolean";
}

export function readIfExists(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
