import { OPENMETRICS_SUFFIXES } from "./family-types";
import { type SampleTrace, checkHistogram } from "./histogram-checks";
import { parseNumberString } from "./number";
import { ParseError } from "./parse-error";
import type { ExpositionSink } from "./sink";
import type { MetricFamily, MetricType } from "./types";

const COUNTER_LIKE = new Set(["_total", "_sum", "_count", "_bucket", "_gcount", "_gsum"]);

/**
 * OpenMetrics 1.0 exactly, as its conformance suite (and the reference Python parser) reads it: metadata
 * before samples, each family contiguous and never repeated, samples of one label set together with
 * non-decreasing timestamps, and the value rules of each type. Throws ParseError at the first violation.
 */
export class StrictFamilies implements ExpositionSink {
  readonly families: MetricFamily[] = [];
  private readonly reservedNames = new Set<string>();
  private family: MetricFamily | null = null;
  private typed = false;
  private unitText: string | null = null;
  private allowedNames: string[] = [];
  private traces: SampleTrace[] = [];
  private groupKeys: string[] = [];
  private seenGroups = new Set<string>();
  private group: string | null = null;
  private groupTimestamp = NaN;
  private lastLine = 1;

  help(name: string, text: string, line: number): void {
    const family = this.metadataTarget(name, line);
    if (family.help !== null) throw new ParseError(`second HELP for "${name}"`, line, 1);
    family.help = text;
  }

  type(name: string, type: MetricType, line: number): void {
    const family = this.metadataTarget(name, line);
    if (this.typed) throw new ParseError(`second TYPE for "${name}"`, line, 1);
    family.type = type;
    this.typed = true;
    this.allowedNames = OPENMETRICS_SUFFIXES[type].map((suffix) => name + suffix);
  }

  unit(name: string, unit: string, line: number): void {
    this.metadataTarget(name, line);
    if (this.unitText !== null) throw new ParseError(`second UNIT for "${name}"`, line, 1);
    this.unitText = unit;
  }

  sample(
    name: string,
    labels: Record<string, string>,
    value: number,
    timestampMs: number | null,
    rawTimestamp: number,
    hasExemplar: boolean,
    line: number,
  ): void {
    if (this.family === null || !this.allowedNames.includes(name)) {
      this.open(name, line);
      this.typed = true;
    }
    const family = this.family!;
    const suffix = name.slice(family.name.length);
    const fail = (reason: string): never => {
      throw new ParseError(reason, line, 1);
    };
    checkLabelsForType(family, suffix, labels, fail);

    const group = groupKey(family, suffix, labels);
    const timestamped = timestampMs !== null;
    if (group === this.group) {
      if (timestamped !== !Number.isNaN(this.groupTimestamp))
        fail(`samples of one group of "${family.name}" mix timestamps`);
      if (this.groupTimestamp > rawTimestamp && family.type !== "info") fail("timestamps went backwards");
    } else if (this.seenGroups.has(group)) {
      fail(`samples of one label set of "${family.name}" are not together`);
    }
    this.group = group;
    this.groupTimestamp = rawTimestamp;
    this.seenGroups.add(group);
    checkValueForType(family, suffix, value, hasExemplar, name, fail);

    family.samples.push({ name, labels, value, timestampMs });
    this.traces.push({ rawTimestamp, line });
    this.groupKeys.push(group);
    this.lastLine = line;
  }

  /** Closes the last family; the exposition is complete. */
  finish(): MetricFamily[] {
    this.close(this.lastLine);
    return this.families;
  }

  private metadataTarget(name: string, line: number): MetricFamily {
    if (this.family?.name === name) {
      if (this.family.samples.length > 0) throw new ParseError(`metadata for "${name}" after its samples`, line, 1);
      return this.family;
    }
    return this.open(name, line);
  }

  private open(name: string, line: number): MetricFamily {
    this.close(line);
    const family: MetricFamily = { name, type: "unknown", unit: null, help: null, samples: [] };
    this.families.push(family);
    this.family = family;
    this.typed = false;
    this.unitText = null;
    this.allowedNames = [name];
    this.traces = [];
    this.groupKeys = [];
    this.seenGroups = new Set();
    this.group = null;
    this.groupTimestamp = NaN;
    this.lastLine = line;
    return family;
  }

  private close(line: number): void {
    const family = this.family;
    if (family === null) return;
    for (const suffix of new Set(["", ...OPENMETRICS_SUFFIXES[family.type]])) {
      const name = family.name + suffix;
      if (this.reservedNames.has(name))
        throw new ParseError(`metric name "${name}" clashes with an earlier family`, line, 1);
      this.reservedNames.add(name);
    }
    const unit = this.unitText;
    if (unit) {
      if (!family.name.endsWith(`_${unit}`))
        throw new ParseError(`"${family.name}" does not end in "_${unit}"`, line, 1);
      if (family.type === "info" || family.type === "stateset") {
        throw new ParseError(`${family.type} "${family.name}" cannot have a unit`, line, 1);
      }
      family.unit = unit;
    }
    if (family.type === "histogram" || family.type === "gaugehistogram") {
      checkHistogram(family, this.traces, this.groupKeys);
    }
    this.family = null;
  }
}

function checkLabelsForType(
  family: MetricFamily,
  suffix: string,
  labels: Record<string, string>,
  fail: (reason: string) => never,
): void {
  if (family.type === "stateset" && labels[family.name] === undefined) {
    fail(`stateset sample needs a "${family.name}" label`);
  }
  if (suffix === "_bucket" && !isValidBound(labels.le, -Infinity, Infinity)) {
    fail(`expected a number as the "le" label, found ${JSON.stringify(labels.le ?? "")}`);
  }
  if (family.type === "summary" && suffix === "" && !isValidBound(labels.quantile, 0, 1)) {
    fail(`expected a number from 0 to 1 as the "quantile" label, found ${JSON.stringify(labels.quantile ?? "")}`);
  }
}

/** A number in [min, max], written `+Inf`/`-Inf` if infinite. */
function isValidBound(text: string | undefined, min: number, max: number): boolean {
  const value = text === undefined ? undefined : parseNumberString(text, true);
  if (value === undefined || !(value >= min && value <= max)) return false;
  return Number.isFinite(value) || text === "+Inf" || text === "-Inf";
}

function checkValueForType(
  family: MetricFamily,
  suffix: string,
  value: number,
  hasExemplar: boolean,
  name: string,
  fail: (reason: string) => never,
): void {
  const type = family.type;
  if (type === "stateset" && value !== 0 && value !== 1) fail(`stateset value must be 0 or 1, found ${value}`);
  if (type === "info" && value !== 1) fail(`info value must be 1, found ${value}`);
  if (type === "summary" && suffix === "" && value < 0) fail(`quantile value must not be negative, found ${value}`);
  if (COUNTER_LIKE.has(suffix)) {
    if (Number.isNaN(value)) fail(`"${name}" must not be NaN`);
    if (value < 0 && suffix !== "_gsum") fail(`"${name}" must not be negative, found ${value}`);
  }
  const exemplarAllowed =
    ((type === "histogram" || type === "gaugehistogram") && suffix === "_bucket") ||
    (type === "counter" && suffix === "_total");
  if (hasExemplar && !exemplarAllowed) fail(`exemplars are allowed only on counter totals and histogram buckets`);
}

/** The label set that identifies a group of samples: minus `le` for buckets, `quantile`, or the stateset label. */
function groupKey(family: MetricFamily, suffix: string, labels: Record<string, string>): string {
  if (family.type === "info") return "";
  const ignored =
    suffix === "_bucket" && (family.type === "histogram" || family.type === "gaugehistogram")
      ? "le"
      : family.type === "summary" && suffix === ""
        ? "quantile"
        : family.type === "stateset"
          ? family.name
          : null;
  const entries = Object.entries(labels).filter(([key]) => key !== ignored);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
