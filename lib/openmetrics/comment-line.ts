import { BACKSLASH, LF, SPACE, isBlank } from "./chars";
import { ALL_TYPES, OPENMETRICS_TYPES, toMetricType } from "./family-types";
import { describeToken } from "./parse-error";
import type { Scanner } from "./scanner";
import type { ExpositionSink } from "./sink";
import type { MetricType } from "./types";

const KEYWORDS = ["HELP", "TYPE", "UNIT"] as const;
type Keyword = (typeof KEYWORDS)[number];

/**
 * A line starting with `#`: `# HELP|TYPE|UNIT name text` or `# EOF` (returns true). Strict mode allows nothing
 * else; tolerant mode ignores other comments, as Prometheus text does, and knows `# EOF` only in OpenMetrics.
 * Leaves `pos` on the line's LF.
 */
export function readCommentLine(s: Scanner, sink: ExpositionSink, openMetrics: boolean): boolean {
  const text = s.text;
  const line = s.line;
  if (s.strict && text.startsWith("# EOF", s.pos) && (s.pos + 5 >= s.length || text.charCodeAt(s.pos + 5) === LF)) {
    s.pos += 5;
    return true;
  }
  s.pos++;
  if (s.strict) {
    if (s.peek() !== SPACE) s.failExpected('" " after "#"');
    s.pos++;
  } else {
    s.skipBlanks();
  }
  const keyword = keywordAt(s);
  if (keyword === null) {
    if (s.strict) failKeyword(s);
    const isEof = openMetrics && text.startsWith("EOF", s.pos) && atLineEndAfter(s, 3);
    s.pos = lineEnd(s);
    return isEof;
  }
  s.pos += keyword.length;
  s.separator("the metric name");
  const name = s.readMetricName();
  if (s.strict || !s.atLineEnd()) s.separator(keyword === "HELP" ? "the help text" : `the ${keyword.toLowerCase()}`);
  if (keyword === "HELP") sink.help(name, readHelpText(s), line);
  else if (keyword === "TYPE") sink.type(name, readType(s), line);
  else sink.unit(name, readRestOfLine(s), line);
  return false;
}

/** The keyword at `pos`, when a blank follows it (tolerant) or anything does (strict reports it later). */
function keywordAt(s: Scanner): Keyword | null {
  for (const keyword of KEYWORDS) {
    if (!s.text.startsWith(keyword, s.pos)) continue;
    if (s.strict || isBlank(s.text.charCodeAt(s.pos + keyword.length))) return keyword;
  }
  return null;
}

function failKeyword(s: Scanner): never {
  const start = s.token();
  const end = s.pos;
  s.fail(`expected "HELP", "TYPE", "UNIT" or "EOF" after "# ", found ${describeToken(s.text, start, end)}`, start);
}

function atLineEndAfter(s: Scanner, offset: number): boolean {
  const saved = s.pos;
  s.pos += offset;
  const result = s.atLineEnd();
  s.pos = saved;
  return result;
}

function lineEnd(s: Scanner): number {
  const lf = s.text.indexOf("\n", s.pos);
  return lf === -1 ? s.length : lf;
}

/** The rest of the line (tolerantly without trailing blanks or CR), leaving `pos` on the LF. */
function readRestOfLine(s: Scanner): string {
  const start = s.pos;
  const end = lineEnd(s);
  let valueEnd = end;
  if (!s.strict) while (valueEnd > start && s.text.charCodeAt(valueEnd - 1) <= SPACE) valueEnd--;
  s.pos = end;
  return s.text.slice(start, valueEnd);
}

function readType(s: Scanner): MetricType {
  const start = s.pos;
  const word = readRestOfLine(s);
  const type = toMetricType(word, s.strict ? OPENMETRICS_TYPES : ALL_TYPES);
  if (type === null) {
    const known = [...(s.strict ? OPENMETRICS_TYPES : ALL_TYPES)].join(", ");
    s.fail(`expected a metric type (${known}), found ${describeToken(s.text, start, start + word.length)}`, start);
  }
  return type;
}

/** HELP escapes are `\\` and `\n`; any other backslash stands for itself. */
function readHelpText(s: Scanner): string {
  const raw = readRestOfLine(s);
  if (raw.indexOf("\\") === -1) return raw;
  let help = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const next = raw.charCodeAt(i + 1);
    if (c === BACKSLASH && (next === BACKSLASH || next === 0x6e)) {
      help += next === BACKSLASH ? "\\" : "\n";
      i++;
    } else {
      help += raw[i];
    }
  }
  return help;
}
