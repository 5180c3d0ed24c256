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
import { labelFactory } from "./label-factory";
import { EXACT_POWERS_OF_TEN, MAX_EXACT_MANTISSA } from "./number";
import { PlainLine } from "./plain-line";
import type { Scanner } from "./scanner";
import type { ExpositionSink } from "./sink";
import { hashStep } from "./string-cache";

/**
 * Tolerant mode's common line in one pass: `name{k="v",…} value [timestamp]`, single spaces, no escapes,
 * plain decimals. Any other line returns false having changed nothing, and the general readers take it
 * from the start, so their results and error messages stay the only ones.
 */
export class PlainSampleReader {
  private last = new PlainLine();
  private next = new PlainLine();
  /** Where the last `readPlainNumber` stopped; a second return value without allocating a pair. */
  private numberEnd = 0;

  read(s: Scanner, sink: ExpositionSink, timestampsInSeconds: boolean): boolean {
    const codes = s.codes;
    const text = s.text;
    const end = s.length;
    const start = s.pos;
    const last = this.last;
    const next = this.next;
    const matched = last.matchLength(codes, start, end);
    let p: number;
    let c: number;
    // Empty until read: a metric name never is.
    let name = "";
    let count = 0;
    let keysKnown = 0;
    let nameHash = 0;
    let nameEnd: number;
    if (matched > last.nameEnd) {
      name = last.name;
      nameEnd = start + last.nameEnd;
      while (count < last.pairs && matched > last.pairEnds[count]!) count++;
      keysKnown = count < last.pairs && matched >= last.valueStarts[count]! ? count + 1 : count;
      next.copyPairs(last, keysKnown);
      p = start + (count > 0 ? last.pairEnds[count - 1]! : last.nameEnd);
    } else {
      p = start;
      c = codes[p]!;
      if (!isMetricNameStart(c)) return false;
      nameHash = c;
      for (p++; isMetricNameChar((c = codes[p]!)); p++) nameHash = hashStep(nameHash, c);
      nameEnd = p;
    }
    c = codes[p]!;
    // `p` is on the `{` or the `,` before the next pair, or on the `}`.
    if (count > 0 || c === OPEN_BRACE) {
      while (c !== CLOSE_BRACE) {
        let key: string;
        if (count < keysKnown) {
          key = next.keys[count]!;
          p = start + next.valueStarts[count]!;
        } else {
          const keyStart = ++p;
          c = codes[p]!;
          if (c === CLOSE_BRACE) break;
          if (!isLabelNameStart(c)) return false;
          let hash = c;
          for (p++; isLabelNameChar((c = codes[p]!)); p++) hash = hashStep(hash, c);
          if (c !== EQUALS || codes[p + 1] !== QUOTE) return false;
          key = s.labelNames.get(text, codes, keyStart, p, hash);
          // Duplicates are an error and `__proto__` needs defineProperty: the general reader handles both.
          if (key === "__proto__") return false;
          for (let k = 0; k < count; k++) if (next.keys[k] === key) return false;
          p += 2;
        }
        const valueStart = p;
        let hash = 0;
        for (; (c = codes[p]!) !== QUOTE; p++) {
          if (c === BACKSLASH || c === LF || p >= end) return false;
          hash = hashStep(hash, c);
        }
        next.keys[count] = key;
        next.values[count] = s.labelValues.get(text, codes, valueStart, p, hash);
        next.valueStarts[count] = valueStart - start;
        c = codes[++p]!;
        if (c !== COMMA && c !== CLOSE_BRACE) return false;
        next.pairEnds[count++] = p - start;
      }
      c = codes[++p]!;
    }
    if (c !== SPACE) return false;
    const value = this.readPlainNumber(codes, p + 1, end);
    if (Number.isNaN(value)) return false;
    p = this.numberEnd;
    let timestampMs: number | null = null;
    let rawTimestamp = NaN;
    if (p < end && codes[p] === SPACE) {
      rawTimestamp = this.readPlainNumber(codes, p + 1, end);
      if (Number.isNaN(rawTimestamp)) return false;
      p = this.numberEnd;
      if (p < end && codes[p] !== LF) return false;
      // As readSampleLine: whole milliseconds, since seconds × 1000 in floating point can leave a fraction.
      timestampMs = timestampsInSeconds ? Math.round(rawTimestamp * 1000) : rawTimestamp;
    }
    next.labelFactory = last.hasKeys(next.keys, count) ? last.labelFactory : labelFactory(next.keys, count);
    const labels = next.labelFactory(next.values);
    if (name === "") name = s.names.get(text, codes, start, nameEnd, nameHash);
    next.start = start;
    next.name = name;
    next.nameEnd = nameEnd - start;
    next.pairs = count;
    this.last = next;
    this.next = last;
    s.pos = p;
    sink.sample(name, labels, value, timestampMs, rawTimestamp, false, s.line);
    return true;
  }

  /**
   * `-?d+(.d*)?` followed by a space, LF or the end, exactly as parseNumber reads it; NaN for anything else
   * (exponents, specials, long mantissas), which the general reader then decides on.
   */
  private readPlainNumber(codes: Uint16Array, p: number, end: number): number {
    let c = codes[p]!;
    const negative = c === MINUS;
    if (negative) c = codes[++p]!;
    const digitsStart = p;
    let mantissa = 0;
    for (; isDigit(c); c = codes[++p]!) mantissa = mantissa * 10 + (c - 0x30);
    if (p === digitsStart) return NaN;
    let fractionDigits = 0;
    if (c === DOT) {
      for (c = codes[++p]!; isDigit(c); c = codes[++p]!, fractionDigits++) {
        mantissa = mantissa * 10 + (c - 0x30);
      }
    }
    if (!(c === SPACE || c === LF || p >= end) || mantissa >= MAX_EXACT_MANTISSA || fractionDigits > 22) {
      return NaN;
    }
    this.numberEnd = p;
    return (negative ? -1 : 1) * (fractionDigits === 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[fractionDigits]!);
  }
}
