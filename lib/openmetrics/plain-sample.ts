import {
  BACKSLASH,
  CLOSE_BRACE,
  COMMA,
  DOT,
  EQUALS,
  LF,
  MINUS,
  OPEN_BRACE,
  QUOTE,
  SPACE,
  isDigit,
  isLabelNameChar,
  isLabelNameStart,
  isMetricNameChar,
  isMetricNameStart,
} from "./chars";
import { EXACT_POWERS_OF_TEN, MAX_EXACT_MANTISSA } from "./number";
import type { Scanner } from "./scanner";
import type { ExpositionSink } from "./sink";
import { hashStep } from "./string-cache";

// Reused by every line: the label set is built only once the whole line has been read.
const keys: string[] = [];
const values: string[] = [];
/** Where the last `readPlainNumber` stopped; a second return value without allocating a pair. */
let numberEnd = 0;

/**
 * Tolerant mode's common line in one pass: `name{k="v",…} value [timestamp]`, single spaces, no escapes,
 * plain decimals. Any other line returns false having changed nothing, and the general readers take it
 * from the start, so their results and error messages stay the only ones.
 */
export function readPlainSample(s: Scanner, sink: ExpositionSink, timestampsInSeconds: boolean): boolean {
  const text = s.text;
  const end = s.length;
  const nameStart = s.pos;
  let p = nameStart;
  let c = text.charCodeAt(p);
  if (!isMetricNameStart(c)) return false;
  let hash = c;
  for (p++; isMetricNameChar((c = text.charCodeAt(p))); p++) hash = hashStep(hash, c);
  const nameEnd = p;
  const nameHash = hash;
  let count = 0;
  if (c === OPEN_BRACE) {
    for (c = text.charCodeAt(++p); c !== CLOSE_BRACE; count++) {
      const keyStart = p;
      if (!isLabelNameStart(c)) return false;
      hash = c;
      for (p++; isLabelNameChar((c = text.charCodeAt(p))); p++) hash = hashStep(hash, c);
      if (c !== EQUALS || text.charCodeAt(p + 1) !== QUOTE) return false;
      const key = s.labelNames.get(text, keyStart, p, hash);
      // Duplicates are an error and `__proto__` needs defineProperty: the general reader handles both.
      if (key === "__proto__") return false;
      for (let k = 0; k < count; k++) if (keys[k] === key) return false;
      const valueStart = p + 2;
      hash = 0;
      for (p = valueStart; (c = text.charCodeAt(p)) !== QUOTE; p++) {
        if (c === BACKSLASH || c === LF || p >= end) return false;
        hash = hashStep(hash, c);
      }
      keys[count] = key;
      values[count] = s.labelValues.get(text, valueStart, p, hash);
      c = text.charCodeAt(++p);
      if (c === COMMA) c = text.charCodeAt(++p);
      else if (c !== CLOSE_BRACE) return false;
    }
    c = text.charCodeAt(++p);
  }
  if (c !== SPACE) return false;
  const value = readPlainNumber(text, p + 1);
  if (Number.isNaN(value)) return false;
  p = numberEnd;
  let timestampMs: number | null = null;
  let rawTimestamp = NaN;
  if (p < end && text.charCodeAt(p) === SPACE) {
    rawTimestamp = readPlainNumber(text, p + 1);
    if (Number.isNaN(rawTimestamp)) return false;
    p = numberEnd;
    if (p < end && text.charCodeAt(p) !== LF) return false;
    // As readSampleLine: whole milliseconds, since seconds × 1000 in floating point can leave a fraction.
    timestampMs = timestampsInSeconds ? Math.round(rawTimestamp * 1000) : rawTimestamp;
  }
  const labels: Record<string, string> = {};
  for (let k = 0; k < count; k++) labels[keys[k]!] = values[k]!;
  const name = s.names.get(text, nameStart, nameEnd, nameHash);
  s.pos = p;
  sink.sample(name, labels, value, timestampMs, rawTimestamp, false, s.line);
  return true;
}

/**
 * `-?d+(.d*)?` followed by a space, LF or the end, exactly as parseNumber reads it; NaN for anything else
 * (exponents, specials, long mantissas), which the general reader then decides on.
 */
function readPlainNumber(text: string, p: number): number {
  let c = text.charCodeAt(p);
  const negative = c === MINUS;
  if (negative) c = text.charCodeAt(++p);
  const digitsStart = p;
  let mantissa = 0;
  for (; isDigit(c); c = text.charCodeAt(++p)) mantissa = mantissa * 10 + (c - 0x30);
  if (p === digitsStart) return NaN;
  let fractionDigits = 0;
  if (c === DOT) {
    for (c = text.charCodeAt(++p); isDigit(c); c = text.charCodeAt(++p), fractionDigits++) {
      mantissa = mantissa * 10 + (c - 0x30);
    }
  }
  if (!(c === SPACE || c === LF || p >= text.length) || mantissa >= MAX_EXACT_MANTISSA || fractionDigits > 22) {
    return NaN;
  }
  numberEnd = p;
  return (negative ? -1 : 1) * (fractionDigits === 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[fractionDigits]!);
}
