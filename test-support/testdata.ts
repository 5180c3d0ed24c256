import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: every test reads its data from the clone, never from beside it. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
/** Sample payloads in the platforms' wire formats (provenance in testdata/fixtures/README.md). */
export const FIXTURES_DIR = path.join(REPO_ROOT, "testdata/fixtures");
/** The OpenMetrics parser conformance corpus, vendored with its licence. */
export const CONFORMANCE_DIR = path.join(REPO_ROOT, "testdata/openmetrics-conformance");

/** Real /metrics expositions of self-hosted servers (provenance in testdata/captures/PROVENANCE.md). */
export const CAPTURES_DIR = path.join(REPO_ROOT, "testdata/captures");

/** A capture by its path under testdata/captures, e.g. "vllm/datadog-v0-opt-125m.txt". */
export function readCapture(relativePath: string): string {
  return readFileSync(path.join(CAPTURES_DIR, relativePath), "utf8");
}

/** A fixture by its path under testdata/fixtures, e.g. "databricks/metrics-gpu.txt". */
export function readFixture(relativePath: string): string {
  return readFileSync(path.join(FIXTURES_DIR, relativePath), "utf8");
}

export function readFixtureJson(relativePath: string): unknown {
  return JSON.parse(readFixture(relativePath));
}

export function readIfExists(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

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
