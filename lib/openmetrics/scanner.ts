import {
  BACKSLASH,
  CLOSE_BRACE,
  COMMA,
  CR,
  EQUALS,
  LF,
  QUOTE,
  SPACE,
  isBlank,
  isLabelNameChar,
  isLabelNameStart,
  isMetricNameChar,
  isMetricNameStart,
} from "./chars";
import { codeUnits } from "./code-units";
import { parseNumber } from "./number";
import { ParseError, describeFound, describeToken } from "./parse-error";
import { StringCache, hashStep } from "./string-cache";

// Shared by every parse: allocating them per call dominated small parses, and a scraper sees the same
// names on every scrape. They only cache immutable strings, so sharing cannot change a result.
const NAMES = new StringCache(11);
const LABEL_NAMES = new StringCache(9);
const LABEL_VALUES = new StringCache(12);

/**
 * The character-level cursor shared by the line readers: position, line bookkeeping, names, label sets,
 * numbers and separators. Strict mode is OpenMetrics 1.0's grammar to the byte (one space between tokens,
 * no trailing comma); tolerant mode accepts runs of blanks, CRLF and a trailing comma in label sets.
 */
export class Scanner {
  readonly length: number;
  pos = 0;
  /** 1-based number of the line `pos` is on. */
  line = 1;
  lineStart = 0;

  readonly names = NAMES;
  readonly labelNames = LABEL_NAMES;
  readonly labelValues = LABEL_VALUES;
  private readonly keysOfSet: string[] = [];
  /** The text's code units, for the string caches and the plain sample reader. */
  readonly codes: Uint16Array;

  constructor(
    readonly text: string,
    readonly strict: boolean,
  ) {
    this.length = text.length;
    this.codes = codeUnits(text);
  }

  error(reason: string, pos = this.pos): ParseError {
    return new ParseError(reason, this.line, pos - this.lineStart + 1);
  }

  /** `expected <what>, found <the character at pos>`. */
  expected(what: string, pos = this.pos): string {
    return `expected ${what}, found ${describeFound(this.text, pos)}`;
  }

  fail(reason: string, pos = this.pos): never {
    throw this.error(reason, pos);
  }

  failExpected(what: string, pos = this.pos): never {
    throw this.error(this.expected(what, pos), pos);
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.length;
  }

  /** Tolerant mode only: blanks never matter there. */
  skipBlanks(): void {
    if (this.strict) return;
    while (isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Whether only the line end (or, tolerantly, trailing blanks and a CR) is left on this line. */
  atLineEnd(): boolean {
    let p = this.pos;
    if (!this.strict) {
      for (let c = this.text.charCodeAt(p); isBlank(c) || c === CR; c = this.text.charCodeAt(++p));
    }
    return p >= this.length || this.text.charCodeAt(p) === LF;
  }

  /** Fails unless the line ends here; leaves `pos` on the LF, so a caller can still reject the line. */
  expectLineEnd(): void {
    if (!this.strict) while (isBlank(this.peek()) || this.peek() === CR) this.pos++;
    if (this.pos < this.length && this.peek() !== LF) this.failExpected("end of line");
  }

  /** Moves past the LF at `pos` (if any) to the start of the next line. */
  nextLine(): void {
    if (this.pos < this.length) {
      this.pos++;
      this.line++;
      this.lineStart = this.pos;
    }
  }

  /** Drops the rest of the current line, after an error. */
  skipLine(): void {
    const lf = this.text.indexOf("\n", this.pos);
    this.pos = lf === -1 ? this.length : lf;
    this.nextLine();
  }

  /** One space in strict mode; one or more blanks otherwise. */
  separator(before: string): void {
    const c = this.peek();
    if (c === SPACE || (!this.strict && c === 0x09)) {
      this.pos++;
      this.skipBlanks();
      return;
    }
    this.failExpected(`" " before ${before}`);
  }

  /** Advances over a token (up to a blank, control character or the end) and returns where it started. */
  token(): number {
    const start = this.pos;
    while (this.text.charCodeAt(this.pos) > SPACE) this.pos++;
    return start;
  }

  readNumber(what: string, specials: boolean): number {
    const start = this.token();
    const value = parseNumber(this.text, start, this.pos, specials);
    if (value === undefined) this.fail(`expected ${what}, found ${describeToken(this.text, start, this.pos)}`, start);
    return value;
  }

  readMetricName(): string {
    const text = this.text;
    const start = this.pos;
    let c = text.charCodeAt(start);
    if (!isMetricNameStart(c)) this.failExpected("a metric name");
    let hash = c;
    let p = start + 1;
    for (; isMetricNameChar((c = text.charCodeAt(p))); p++) hash = hashStep(hash, c);
    this.pos = p;
    return this.names.get(text, this.codes, start, p, hash);
  }

  /** A label set from `{` to `}`, unescaped; duplicate names are an error in both modes. */
  readLabels(): Record<string, string> {
    const text = this.text;
    const labels: Record<string, string> = {};
    const keys = this.keysOfSet;
    let count = 0;
    this.pos++;
    this.skipBlanks();
    if (this.peek() === CLOSE_BRACE) {
      this.pos++;
      return labels;
    }
    for (;;) {
      const keyStart = this.pos;
      const key = this.readLabelName();
      this.skipBlanks();
      if (this.peek() !== EQUALS) this.failExpected('"=" after label name');
      this.pos++;
      this.skipBlanks();
      if (this.peek() !== QUOTE) this.failExpected(`'"' to open the label value`);
      const value = this.readLabelValue();
      for (let k = 0; k < count; k++) if (keys[k] === key) this.fail(`duplicate label name "${key}"`, keyStart);
      keys[count++] = key;
      // A plain assignment to "__proto__" would set the prototype (and drop a string) instead of a label.
      if (key === "__proto__") Object.defineProperty(labels, key, { value, enumerable: true, writable: true });
      else labels[key] = value;
      this.skipBlanks();
      const c = text.charCodeAt(this.pos);
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) this.failExpected('"," or "}" after label value');
      this.pos++;
      this.skipBlanks();
      if (!this.strict && this.peek() === CLOSE_BRACE) break;
    }
    this.pos++;
    return labels;
  }

  private readLabelName(): string {
    const text = this.text;
    const start = this.pos;
    let c = text.charCodeAt(start);
    if (!isLabelNameStart(c)) this.failExpected("a label name");
    let hash = c;
    let p = start + 1;
    for (; isLabelNameChar((c = text.charCodeAt(p))); p++) hash = hashStep(hash, c);
    this.pos = p;
    return this.labelNames.get(text, this.codes, start, p, hash);
  }

  private readLabelValue(): string {
    const text = this.text;
    const start = this.pos + 1;
    let hash = 0;
    for (let p = start; ; p++) {
      const c = text.charCodeAt(p);
      if (c === QUOTE) {
        this.pos = p + 1;
        return this.labelValues.get(text, this.codes, start, p, hash);
      }
      if (c === BACKSLASH) return this.readEscapedLabelValue(start, p);
      if (c === LF || p >= this.length) this.failExpected(`'"' to close the label value`, p);
      hash = hashStep(hash, c);
    }
  }

  /** The slow path, from the first backslash: `\\`, `\"` and `\n` are escapes, any other backslash is itself. */
  private readEscapedLabelValue(start: number, firstEscape: number): string {
    const text = this.text;
    let value = text.slice(start, firstEscape);
    let chunkStart = firstEscape;
    for (let p = firstEscape; ; p++) {
      const c = text.charCodeAt(p);
      if (c === QUOTE) {
        this.pos = p + 1;
        return value + text.slice(chunkStart, p);
      }
      if (c === LF || p >= this.length) this.failExpected(`'"' to close the label value`, p);
      if (c !== BACKSLASH) continue;
      const next = text.charCodeAt(p + 1);
      const unescaped = next === BACKSLASH ? "\\" : next === QUOTE ? '"' : next === 0x6e ? "\n" : null;
      if (unescaped === null) continue;
      value += text.slice(chunkStart, p) + unescaped;
      chunkStart = p + 2;
      p++;
    }
  }
}
