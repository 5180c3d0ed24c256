import { describe, expect, it } from "vitest";
import { ParseError, parseExposition } from "./parse";

/** One bad line each, with the exact `line:column: message` strict mode throws (the line is line 1). */
const BAD_LINES: [input: string, message: string][] = [
  ["a{a} 1", '1:4: expected "=" after label name, found "}"'],
  ['a{a="1" 1', '1:8: expected "," or "}" after label value, found " "'],
  ['a{a="1"b="2"} 1', '1:8: expected "," or "}" after label value, found "b"'],
  ['a{a="1",,b="2"} 1', '1:9: expected a label name, found ","'],
  ['a{a="1",b="2",} 1', '1:15: expected a label name, found "}"'],
  ['a{1="1"} 1', '1:3: expected a label name, found "1"'],
  ['a{a="1",a="2"} 1', '1:9: duplicate label name "a"'],
  ["a{a=1} 1", `1:5: expected '"' to open the label value, found "1"`],
  ['a{a="1} 1', `1:10: expected '"' to close the label value, found end of line`],
  ["0a 1", '1:1: expected a metric name, found "0"'],
  [" a 1", '1:1: expected a metric name, found " "'],
  ["a.b 1", '1:2: expected " " before the sample value, found "."'],
  ["a", '1:2: expected " " before the sample value, found end of line'],
  ["a 0x10", '1:3: expected a number as the sample value, found "0x10"'],
  ["a 1_000", '1:3: expected a number as the sample value, found "1_000"'],
  ["a 1z", '1:3: expected a number as the sample value, found "1z"'],
  ["a  1", '1:3: expected a number as the sample value, found " "'],
  ["a ", "1:3: expected a number as the sample value, found end of line"],
  ["a 1 ", "1:5: expected a timestamp, found end of line"],
  ["a 1 NaN", '1:5: expected a timestamp, found "NaN"'],
  ["a 1 1 x", '1:7: expected "#" to start an exemplar, found "x"'],
  ['a_total 1 #{a="b"} 1', '1:12: expected " " before the exemplar labels, found "{"'],
  ['a_total 1 # {a="b"}', '1:20: expected " " before the exemplar value, found end of line'],
  [
    "# TYPE a meh",
    '1:10: expected a metric type (counter, gauge, histogram, gaugehistogram, summary, stateset, info, unknown), found "meh"',
  ],
  [
    "# TYPE a untyped",
    '1:10: expected a metric type (counter, gauge, histogram, gaugehistogram, summary, stateset, info, unknown), found "untyped"',
  ],
  ["# HELP", '1:7: expected " " before the metric name, found end of line'],
  ["# HELP a", '1:9: expected " " before the help text, found end of line'],
  ["# FOO a", '1:3: expected "HELP", "TYPE", "UNIT" or "EOF" after "# ", found "FOO"'],
  ["#a 1", '1:2: expected " " after "#", found "a"'],
  ["", '1:1: expected a metric name or "#", found end of line'],
  ["# UNIT a seconds", '1:1: "a" does not end in "_seconds"'],
  ["# TYPE a counter\na 1", '2:1: metric name "a" clashes with an earlier family'],
];

describe("bad lines, strict mode", () => {
  it("covers every tolerated and reworded line", () => {
    const lines = new Set(BAD_LINES.map(([line]) => line));
    expect([...TOLERATED, ...REWORDED].filter((line) => !lines.has(line))).toEqual([]);
  });

  it.each(BAD_LINES)("%j", (line, message) => {
    let thrown: unknown;
    try {
      parseExposition(`${line}\n# EOF\n`, { strict: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    expect((thrown as ParseError).message).toBe(message);
  });

  it("reports a missing # EOF at the end of the input", () => {
    expect(() => parseExposition("a 1\n", { strict: true })).toThrow('2:1: expected "# EOF", found end of input');
  });

  it("reports text after # EOF", () => {
    expect(() => parseExposition("a 1\n# EOF\nb 1\n", { strict: true })).toThrow(
      '3:1: expected end of input after "# EOF", found "b"',
    );
  });
});

/** Lines strict mode rejects that real servers send, or that Prometheus text allows: tolerant mode accepts them. */
const TOLERATED = new Set([
  'a{a="1",b="2",} 1',
  " a 1",
  "a  1",
  "a 1 ",
  "# TYPE a untyped",
  "# HELP",
  "# HELP a",
  "# FOO a",
  "#a 1",
  "",
  "# UNIT a seconds",
  "# TYPE a counter\na 1",
]);
/** Rejected in both modes, but the tolerant message differs (blanks are skipped, more TYPE words are known). */
const REWORDED = new Set(['a{a="1" 1', "# TYPE a meh"]);

describe("bad lines, tolerant mode", () => {
  it.each([...TOLERATED])("%j is accepted", (line) => {
    expect(parseExposition(`${line}\n`).errors).toEqual([]);
  });

  const syntaxErrors = BAD_LINES.filter(([line]) => !TOLERATED.has(line) && !REWORDED.has(line));
  it.each(syntaxErrors)("%j is skipped with the same message", (line, message) => {
    const result = parseExposition(`good 1\n${line}\nalso_good 2\n`);
    const [, column, reason] = /^1:(\d+): (.*)$/.exec(message)!;
    expect(result.errors).toEqual([{ line: 2, column: Number(column), message: reason }]);
    expect(result.families.map((family) => family.name)).toEqual(["good", "also_good"]);
  });

  it("words the reworded ones for what tolerant mode expects", () => {
    expect(parseExposition('a{a="1" 1\n').errors).toEqual([
      { line: 1, column: 9, message: 'expected "," or "}" after label value, found "1"' },
    ]);
    expect(parseExposition("# TYPE a meh\n").errors[0]?.message).toMatch(/unknown, untyped\), found "meh"$/);
  });
});
