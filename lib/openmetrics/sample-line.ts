import { HASH, OPEN_BRACE } from "./chars";
import type { Scanner } from "./scanner";
import type { ExpositionSink } from "./sink";

/** OpenMetrics caps an exemplar's label names and values together at 128 characters. */
const MAX_EXEMPLAR_LABEL_CHARS = 128;

/**
 * `name{labels} value [timestamp] [# {labels} value [timestamp]]`. The exemplar is checked and dropped.
 * Nothing reaches the sink until the whole line has been read, so a bad line leaves no half sample behind.
 */
export function readSampleLine(s: Scanner, sink: ExpositionSink, timestampsInSeconds: boolean): void {
  const line = s.line;
  const name = s.readMetricName();
  const labels = s.peek() === OPEN_BRACE ? s.readLabels() : {};
  s.separator("the sample value");
  const value = s.readNumber("a number as the sample value", true);
  let timestampMs: number | null = null;
  let rawTimestamp = NaN;
  let hasExemplar = false;
  if (!s.atLineEnd()) {
    s.separator("a timestamp or exemplar");
    if (s.peek() !== HASH) {
      rawTimestamp = s.readNumber("a timestamp", false);
      // Whole milliseconds: seconds × 1000 in binary floating point would leave 1100.0000000000002.
      timestampMs = timestampsInSeconds ? Math.round(rawTimestamp * 1000) : rawTimestamp;
      if (!s.atLineEnd()) {
        s.separator("an exemplar");
        if (s.peek() !== HASH) s.failExpected('"#" to start an exemplar');
      }
    }
    if (s.peek() === HASH) {
      readExemplar(s);
      hasExemplar = true;
    }
  }
  s.expectLineEnd();
  sink.sample(name, labels, value, timestampMs, rawTimestamp, hasExemplar, line);
}

function readExemplar(s: Scanner): void {
  s.pos++;
  s.separator("the exemplar labels");
  if (s.peek() !== OPEN_BRACE) s.failExpected('"{" to open the exemplar labels');
  const labelsStart = s.pos;
  const labels = s.readLabels();
  if (s.strict && countLabelChars(labels) > MAX_EXEMPLAR_LABEL_CHARS) {
    s.fail(`exemplar labels are longer than ${MAX_EXEMPLAR_LABEL_CHARS} characters`, labelsStart);
  }
  s.separator("the exemplar value");
  s.readNumber("a number as the exemplar value", true);
  if (!s.atLineEnd()) {
    s.separator("the exemplar timestamp");
    s.readNumber("an exemplar timestamp", false);
  }
}

/** Characters are code points, as the specification counts them, not UTF-16 units. */
function countLabelChars(labels: Record<string, string>): number {
  let count = 0;
  for (const [name, value] of Object.entries(labels)) {
    for (const _ of name) count++;
    for (const _ of value) count++;
  }
  return count;
}
