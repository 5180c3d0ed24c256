import { HASH, LF } from "./chars";
import { readCommentLine } from "./comment-line";
import { resolveFormat } from "./format";
import { ParseError } from "./parse-error";
import { PlainSampleReader } from "./plain-sample";
import { readSampleLine } from "./sample-line";
import { Scanner } from "./scanner";
import type { ExpositionSink } from "./sink";
import { StrictFamilies } from "./strict-families";
import { TolerantFamilies } from "./tolerant-families";
import type { ParseIssue, ParseOptions, ParseResult } from "./types";

export { ParseError } from "./parse-error";

/**
 * Parses Prometheus text 0.0.4 or OpenMetrics 1.0 text into families of samples.
 *
 * Tolerant (the default) reports a bad line in `errors`, skips it and keeps the rest. `strict: true` reads
 * OpenMetrics 1.0 exactly, whatever the Content-Type says, and throws ParseError at the first error.
 */
export function parseExposition(text: string, options: ParseOptions = {}): ParseResult {
  if (options.strict) {
    const families = new StrictFamilies();
    readLines(new Scanner(text, true), families, true, null);
    return { format: "openmetrics", families: families.finish(), errors: [] };
  }
  const format = resolveFormat(text, options.contentType);
  const openMetrics = format === "openmetrics";
  const families = new TolerantFamilies(openMetrics ? "unknown" : "untyped");
  const errors = readLines(new Scanner(text, false), families, openMetrics, new PlainSampleReader());
  return { format, families: families.families, errors };
}

/** Reads every line into `sink`; returns the tolerant mode's skipped lines. */
function readLines(
  s: Scanner,
  sink: ExpositionSink,
  openMetrics: boolean,
  plain: PlainSampleReader | null,
): ParseIssue[] {
  const errors: ParseIssue[] = [];
  let sawEof = false;
  while (!sawEof && !s.atEnd()) {
    try {
      sawEof = readLine(s, sink, openMetrics, plain);
      if (!sawEof) s.nextLine();
    } catch (error) {
      if (s.strict || !(error instanceof ParseError)) throw error;
      errors.push(error.toIssue());
      s.skipLine();
    }
  }
  if (s.strict) checkStrictEnd(s, sawEof);
  else if (sawEof) checkNothingAfterEof(s, errors);
  return errors;
}

function readLine(s: Scanner, sink: ExpositionSink, openMetrics: boolean, plain: PlainSampleReader | null): boolean {
  if (plain !== null) {
    if (plain.read(s, sink, openMetrics)) return false;
    s.skipBlanks();
    if (s.atLineEnd()) {
      s.expectLineEnd();
      return false;
    }
  } else if (s.peek() === LF) {
    s.failExpected('a metric name or "#"');
  }
  if (s.peek() === HASH) return readCommentLine(s, sink, openMetrics);
  readSampleLine(s, sink, openMetrics);
  return false;
}

function checkStrictEnd(s: Scanner, sawEof: boolean): void {
  if (!sawEof) s.failExpected('"# EOF"');
  s.nextLine();
  if (!s.atEnd()) s.failExpected('end of input after "# EOF"');
}

/** Tolerant: blank lines may follow `# EOF`; anything else is reported once and ignored. */
function checkNothingAfterEof(s: Scanner, errors: ParseIssue[]): void {
  for (s.nextLine(); !s.atEnd(); s.nextLine()) {
    s.skipBlanks();
    if (!s.atLineEnd()) {
      errors.push(s.error(s.expected('end of input after "# EOF"')).toIssue());
      return;
    }
    s.expectLineEnd();
  }
}
