import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseExposition } from "./parse";
import { CAPTURES_DIR, FIXTURES_DIR, REPO_ROOT, readIfExists } from "@/test-support/testdata";
import { toExpositionJson } from "./to-json";

/**
 * Golden files: `testdata/golden/<case>/` holds `input.txt` (or, for the shared fixtures and the servers' real
 * captures, nothing: the input is read from testdata/), an optional `content-type` and `expected.json`.
 * `UPDATE_GOLDEN=1 npx vitest run lib/openmetrics` rewrites the expected files; review the diff.
 */
const GOLDEN_DIR = path.join(REPO_ROOT, "lib/openmetrics/testdata/golden");
const FIXTURE_PROVIDERS = ["databricks", "huggingface"];
const update = process.env.UPDATE_GOLDEN === "1";

interface GoldenCase {
  name: string;
  dir: string;
  input: string;
}

function readCases(): GoldenCase[] {
  const own = readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readIfExists(path.join(GOLDEN_DIR, entry.name, "input.txt")) !== null)
    .map((entry) => ({ name: entry.name, dir: path.join(GOLDEN_DIR, entry.name) }))
    .map(({ name, dir }) => ({ name, dir, input: readIfExists(path.join(dir, "input.txt"))! }));
  const shared = (root: string, prefix: string, folders: readonly string[]) =>
    folders.flatMap((folder) =>
      readdirSync(path.join(root, folder))
        .filter((file) => file.endsWith(".txt"))
        .map((file) => {
          const name = `${prefix}-${folder}-${path.basename(file, ".txt")}`;
          const input = readIfExists(path.join(root, folder, file))!;
          return { name, dir: path.join(GOLDEN_DIR, name), input };
        }),
    );
  const servers = readdirSync(CAPTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [...own, ...shared(FIXTURES_DIR, "fixture", FIXTURE_PROVIDERS), ...shared(CAPTURES_DIR, "capture", servers)];
}

const cases = readCases();

describe("golden files", () => {
  it("covers the shared fixtures and the vLLM, TGI and Triton captures", () => {
    const names = cases.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["vllm", "tgi", "triton", "fixture-huggingface-open-metrics"]));
    expect(names.filter((name) => name.startsWith("fixture-databricks-")).length).toBeGreaterThanOrEqual(2);
    expect(names.filter((name) => name.startsWith("capture-")).length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases)("$name", ({ dir, input }) => {
    const contentType = readIfExists(path.join(dir, "content-type"))?.trim() ?? null;
    const actual = `${toExpositionJson(parseExposition(input, { contentType }))}\n`;
    const expectedFile = path.join(dir, "expected.json");
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(expectedFile, actual);
    }
    const expected = readIfExists(expectedFile);
    expect(expected, `${expectedFile} is missing: run with UPDATE_GOLDEN=1`).not.toBeNull();
    expect(actual).toBe(expected);
  });
});
