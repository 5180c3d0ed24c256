import { parseArgs } from "node:util";
import { ParseError, parseExposition } from "@/lib/openmetrics/parse";
import { toExpositionJson } from "@/lib/openmetrics/to-json";

export const CHECK_METRICS_USAGE = "usage: servescope check-metrics [--strict] [--content-type CT] [--json] FILE|-";

export interface CheckMetricsIo {
  stdin: NodeJS.ReadableStream;
  stdout: Pick<NodeJS.WritableStream, "write">;
  stderr: Pick<NodeJS.WritableStream, "write">;
  readFile: (path: string) => string | Promise<string>;
}

interface Invocation {
  file: string;
  strict: boolean;
  contentType: string | null;
  json: boolean;
}

/**
 * `servescope check-metrics`: parses an exposition the way the collector does (or, with --strict, as
 * OpenMetrics 1.0 exactly) and prints `FILE:LINE:COL: message` per error. Exit 0 valid, 1 invalid, 2 usage.
 */
export async function runCheckMetrics(args: string[], io: CheckMetricsIo): Promise<number> {
  const invocation = parseInvocation(args);
  if (typeof invocation === "string") {
    io.stderr.write(`servescope check-metrics: ${invocation}\n${CHECK_METRICS_USAGE}\n`);
    return 2;
  }
  if (invocation === null) {
    io.stdout.write(`${CHECK_METRICS_USAGE}\n`);
    return 0;
  }
  const { file, strict, contentType, json } = invocation;
  const displayName = file === "-" ? "<stdin>" : file;
  let text: string;
  try {
    text = file === "-" ? await readAll(io.stdin) : await io.readFile(file);
  } catch (error) {
    io.stderr.write(`servescope check-metrics: cannot read ${displayName}: ${(error as Error).message}\n`);
    return 2;
  }

  const { issues, families } = check(text, strict, contentType);
  for (const issue of issues) io.stderr.write(`${displayName}:${issue.line}:${issue.column}: ${issue.message}\n`);
  if (issues.length > 0) return 1;
  if (json) io.stdout.write(`${toExpositionJson(families)}\n`);
  return 0;
}

/** Strict mode's one ParseError or tolerant mode's skipped lines, as a list either way. */
function check(text: string, strict: boolean, contentType: string | null) {
  try {
    const result = parseExposition(text, { strict, contentType });
    return { issues: result.errors, families: result.families };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { issues: [error.toIssue()], families: [] };
  }
}

/** The invocation, null for --help, or the reason the arguments are unusable. */
function parseInvocation(args: string[]): Invocation | null | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        strict: { type: "boolean", default: false },
        "content-type": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length !== 1) return positionals.length === 0 ? "missing FILE (or - for stdin)" : "one FILE only";
  const contentType = values["content-type"] ?? null;
  if (values.strict && contentType !== null && !/^\s*application\/openmetrics-text\b/i.test(contentType)) {
    return "--strict checks OpenMetrics 1.0: --content-type must be application/openmetrics-text";
  }
  return { file: positionals[0]!, strict: values.strict, contentType, json: values.json };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk;
  return text;
}
