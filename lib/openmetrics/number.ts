import { DOT, MINUS, PLUS, isDigit } from "./chars";

export const MAX_EXACT_MANTISSA = 2 ** 53;
export const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The guarded float reader. Accepts `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?` and, when `specials` is set, `NaN` and
 * `[+-]?Inf(inity)?` (case-insensitive, as the OpenMetrics ABNF says). Returns undefined for anything else, so
 * `0x10`, `""`, `1z`, `1_000`, ` 1` never become numbers the way `Number()` or `parseFloat()` would make them.
 */
export function parseNumber(text: string, start: number, end: number, specials: boolean): number | undefined {
  let i = start;
  if (i >= end) return undefined;
  let c = text.charCodeAt(i);
  const sign = c === MINUS ? -1 : 1;
  const signed = c === MINUS || c === PLUS;
  if (signed && ++i < end) c = text.charCodeAt(i);
  if (i >= end) return undefined;
  if (!isDigit(c) && c !== DOT) return specials ? parseSpecial(text, i, end, signed, sign) : undefined;

  const digitsStart = i;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < end && isDigit((c = text.charCodeAt(i))); i++, digits++) mantissa = mantissa * 10 + (c - 0x30);
  if (i < end && c === DOT) {
    for (i++; i < end && isDigit((c = text.charCodeAt(i))); i++, digits++, fractionDigits++) {
      mantissa = mantissa * 10 + (c - 0x30);
    }
  }
  if (digits === 0) return undefined;
  let exponent = 0;
  if (i < end && (c | 0x20) === 0x65) {
    if (++i < end && ((c = text.charCodeAt(i)) === PLUS || c === MINUS)) i++;
    const expSign = c === MINUS ? -1 : 1;
    const expStart = i;
    // Past 4 digits the result is 0 or Infinity anyway; capping keeps the integer exact.
    for (; i < end && isDigit((c = text.charCodeAt(i))); i++) if (exponent < 1e4) exponent = exponent * 10 + (c - 0x30);
    if (i === expStart) return undefined;
    exponent *= expSign;
  }
  if (i !== end) return undefined;

  // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
  const power = exponent - fractionDigits;
  if (mantissa < MAX_EXACT_MANTISSA && power >= -22 && power <= 22) {
    return sign * (power < 0 ? mantissa / EXACT_POWERS_OF_TEN[-power]! : mantissa * EXACT_POWERS_OF_TEN[power]!);
  }
  return sign * Number(text.slice(digitsStart, end));
}

function parseSpecial(text: string, i: number, end: number, signed: boolean, sign: number): number | undefined {
  const length = end - i;
  if (length === 3 && !signed && matchesLower(text, i, "nan")) return NaN;
  if ((length === 3 || length === 8) && matchesLower(text, i, length === 3 ? "inf" : "infinity"))
    return sign * Infinity;
  return undefined;
}

function matchesLower(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** `parseNumber` over a whole string, e.g. an `le` or `quantile` label value. */
export function parseNumberString(value: string, specials: boolean): number | undefined {
  return parseNumber(value, 0, value.length, specials);
}
