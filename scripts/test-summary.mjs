// Adds up the steps and the Vitest and Playwright JSON reports into the closing line
// "N passed, N failed" that CI reads, and exits non-zero on any failure or missing report.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "test-results";
let passed = 0;
let failed = 0;
const problems = [];

for (const line of readFileSync(join(dir, "steps.tsv"), "utf8").split("\n").filter(Boolean)) {
  const [name, outcome] = line.split("\t");
  if (outcome === "passed") passed += 1;
  else {
    failed += 1;
    problems.push(`step ${name} failed`);
  }
}

for (const name of ["vitest.json", "vitest-agreement.json"]) {
  const file = join(dir, name);
  if (!existsSync(file)) {
    failed += 1;
    problems.push(`no Vitest report ${name}`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0) problems.push(`${report.numFailedTests} unit/contract test(s) failed (${name})`);
  // A file that fails to load has no tests to count: count it as a failure.
  const broken = report.testResults.filter(
    (result) => result.status === "failed" && result.assertionResults.length === 0,
  );
  failed += broken.length;
  for (const result of broken) problems.push(`test file failed to run: ${result.name}`);
}

const built = readFileSync(join(dir, "steps.tsv"), "utf8").includes("build\tpassed");
const playwrightFile = join(dir, "playwright.json");
if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  if (stats.unexpected > 0) problems.push(`${stats.unexpected} end-to-end test(s) failed`);
  if (stats.expected + stats.flaky + stats.unexpected === 0) {
    failed += 1;
    problems.push("Playwright ran no test");
  }
} else if (built) {
  failed += 1;
  problems.push("no Playwright report");
}

console.log("");
for (const problem of problems) console.log(`FAILED: ${problem}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
