import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { FIXTURES_DIR, REPO_ROOT } from "@/test-support/testdata";
import { CHECK_METRICS_USAGE, runCheckMetrics } from "./check-metrics";

const FIXTURES = FIXTURES_DIR;
const HUGGING_FACE = path.join(FIXTURES, "huggingface/open-metrics.txt");
const DATABRICKS = path.join(FIXTURES, "databricks/metrics-gpu.txt");
const BIN = path.join(REPO_ROOT, "bin/servescope.mjs");

async function run(args: string[], stdinText = "") {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  let stdout = "";
  let stderr = "";
  const code = await runCheckMetrics(args, {
    stdin,
    stdout: { write: (chunk: string) => ((stdout += chunk), true) },
    stderr: { write: (chunk: string) => ((stderr += chunk), true) },
    readFile: (file) => readFileSync(file, "utf8"),
  });
  return { code, stdout, stderr };
}

describe("runCheckMetrics", () => {
  it("exits 0 and prints nothing for a valid exposition", async () => {
    expect(await run([DATABRICKS])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints the families as JSON with --json, NaN and infinities as strings", async () => {
    const { code, stdout } = await run(["--json", "-"], "a NaN\nb +Inf 5\n");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        name: "a",
        type: "untyped",
        unit: null,
        help: null,
        samples: [{ name: "a", labels: {}, value: "NaN", timestampMs: null }],
      },
      {
        name: "b",
        type: "untyped",
        unit: null,
        help: null,
        samples: [{ name: "b", labels: {}, value: "+Inf", timestampMs: 5 }],
      },
    ]);
  });

  it("exits 1 with FILE:LINE:COL: message per bad line in tolerant mode", async () => {
    const { code, stdout, stderr } = await run(["--json", "-"], "a 1\nb 0x10\nc{x} 1\n");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      '<stdin>:2:3: expected a number as the sample value, found "0x10"\n' +
        '<stdin>:3:4: expected "=" after label name, found "}"\n',
    );
  });

  it("checks OpenMetrics 1.0 exactly with --strict: Hugging Face's counter without _total fails", async () => {
    expect((await run([HUGGING_FACE])).code).toBe(0);
    const { code, stderr } = await run(["--strict", HUGGING_FACE]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${HUGGING_FACE}:\\d+:\\d+: .+\\n$`));
  });

  it("follows --content-type", async () => {
    const { stdout } = await run(["--json", "--content-type", "application/openmetrics-text", "-"], "a 1 2\n");
    expect(JSON.parse(stdout)[0].samples[0].timestampMs).toBe(2000);
  });

  it.each([
    [[], "missing FILE"],
    [["a", "b"], "one FILE only"],
    [["--bogus", "x"], "--bogus"],
    [["--content-type"], "--content-type"],
    [["--strict", "--content-type", "text/plain", "x"], "--strict checks OpenMetrics 1.0"],
  ])("exits 2 with the usage line for %j", async (args, reason) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(reason);
    expect(stderr.endsWith(`${CHECK_METRICS_USAGE}\n`)).toBe(true);
  });

  it("exits 2 when the file cannot be read", async () => {
    const { code, stderr } = await run(["/nonexistent/metrics.txt"]);
    expect(code).toBe(2);
    expect(stderr).toContain("cannot read /nonexistent/metrics.txt");
  });

  it("prints the usage on stdout for --help", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, stdout: `${CHECK_METRICS_USAGE}\n`, stderr: "" });
  });
});

describe.skipIf(!existsSync(BIN))("servescope check-metrics (the real bin)", () => {
  const spawnBin = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, "check-metrics", ...args], { cwd: REPO_ROOT, input, encoding: "utf8" });

  it("exits 0 on a valid file and 1 with FILE:LINE:COL on stdin", () => {
    expect(spawnBin([DATABRICKS]).status).toBe(0);
    const bad = spawnBin(["-"], "a 1\nb{x} 1\n");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('<stdin>:2:4: expected "=" after label name, found "}"\n');
  });

  it("exits 2 on a usage error", () => {
    const result = spawnBin([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(CHECK_METRICS_USAGE);
  });
});
