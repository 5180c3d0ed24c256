/** Character codes and class tables for the exposition scanner (ASCII only; the grammars are ASCII). */

export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const HASH = 0x23;
export const PLUS = 0x2b;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const EQUALS = 0x3d;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;

const METRIC_START = 1;
const METRIC_CHAR = 2;
const LABEL_START = 4;
const LABEL_CHAR = 8;

const CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const digit = c >= 0x30 && c <= 0x39;
  if (letter || c === 0x3a) CLASSES[c]! |= METRIC_START | METRIC_CHAR;
  if (digit) CLASSES[c]! |= METRIC_CHAR | LABEL_CHAR;
  if (letter) CLASSES[c]! |= LABEL_START | LABEL_CHAR;
}

// `c < 128` first: CLASSES[c] of a larger code is undefined, and `undefined & x` is 0 but slower.
export const isMetricNameStart = (c: number): boolean => c < 128 && (CLASSES[c]! & METRIC_START) !== 0;
export const isMetricNameChar = (c: number): boolean => c < 128 && (CLASSES[c]! & METRIC_CHAR) !== 0;
export const isLabelNameStart = (c: number): boolean => c < 128 && (CLASSES[c]! & LABEL_START) !== 0;
export const isLabelNameChar = (c: number): boolean => c < 128 && (CLASSES[c]! & LABEL_CHAR) !== 0;
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
export const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** A metric name as both formats define it: `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export function isValidMetricName(name: string): boolean {
  if (name.length === 0 || !isMetricNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isMetricNameChar(name.charCodeAt(i))) return false;
  return true;
}
