import { TOLERANT_SUFFIXES, hasFamilySuffix } from "./family-types";
import { ParseError } from "./parse-error";
import type { ExpositionSink } from "./sink";
import type { MetricFamily, MetricType } from "./types";

interface Entry {
  family: MetricFamily;
  /** Whether a TYPE line named the type (otherwise it is the format's untyped default). */
  typed: boolean;
}

/** Every suffix a sample name can carry over its family name, longest first so `_gsum` wins over `_sum`. */
const STRIPPABLE_SUFFIXES = [...new Set(Object.values(TOLERANT_SUFFIXES).flat())]
  .filter((suffix) => suffix !== "")
  .sort((a, b) => b.length - a.length);

/**
 * Groups samples the way real servers need: a family may own its bare name where Prometheus text allows it,
 * may be declared again further down (concatenated scrapes) and keeps collecting samples; samples of an
 * undeclared name form an untyped family of their own.
 */
export class TolerantFamilies implements ExpositionSink {
  readonly families: MetricFamily[] = [];
  private readonly byName = new Map<string, Entry>();
  private current: Entry | null = null;
  private lastName = "";
  private lastEntry: Entry | null = null;

  constructor(private readonly untypedType: MetricType) {}

  help(name: string, text: string): void {
    const family = this.declare(name).family;
    family.help ??= text;
  }

  unit(name: string, unit: string): void {
    const family = this.declare(name).family;
    if (unit !== "") family.unit ??= unit;
  }

  type(name: string, type: MetricType, line: number): void {
    const entry = this.declare(name);
    const family = entry.family;
    if (entry.typed) {
      if (family.type !== type) {
        throw new ParseError(`conflicting TYPE for "${name}": "${type}" after "${family.type}"`, line, 1);
      }
      return;
    }
    if (family.samples.length > 0) throw new ParseError(`TYPE for "${name}" after its samples`, line, 1);
    family.type = type;
    entry.typed = true;
  }

  sample(
    name: string,
    labels: Record<string, string>,
    value: number,
    timestampMs: number | null,
    _rawTimestamp: number,
    _hasExemplar: boolean,
    line: number,
  ): void {
    const entry = name === this.lastName && this.lastEntry !== null ? this.lastEntry : this.resolve(name, line);
    entry.family.samples.push({ name, labels, value, timestampMs });
  }

  private declare(name: string): Entry {
    const entry = this.byName.get(name) ?? this.create(name);
    this.current = entry;
    this.lastEntry = null;
    return entry;
  }

  private resolve(name: string, line: number): Entry {
    const entry = this.findOwner(name) ?? this.create(name);
    if (entry.typed && entry.family.name === name && !TOLERANT_SUFFIXES[entry.family.type].includes("")) {
      throw new ParseError(`sample "${name}" needs a suffix in ${entry.family.type} "${name}"`, line, 1);
    }
    this.current = entry;
    this.lastName = name;
    this.lastEntry = entry;
    return entry;
  }

  /** The current family first, then a declared family owning the name or a suffix of it, then the name's own. */
  private findOwner(name: string): Entry | undefined {
    const current = this.current;
    if (current?.typed && hasFamilySuffix(name, current.family.name, TOLERANT_SUFFIXES[current.family.type])) {
      return current;
    }
    const exact = this.byName.get(name);
    if (exact?.typed && TOLERANT_SUFFIXES[exact.family.type].includes("")) return exact;
    for (const suffix of STRIPPABLE_SUFFIXES) {
      if (!name.endsWith(suffix)) continue;
      const base = this.byName.get(name.slice(0, name.length - suffix.length));
      if (base?.typed && TOLERANT_SUFFIXES[base.family.type].includes(suffix)) return base;
    }
    return exact;
  }

  private create(name: string): Entry {
    const family: MetricFamily = { name, type: this.untypedType, unit: null, help: null, samples: [] };
    const entry = { family, typed: false };
    this.families.push(family);
    this.byName.set(name, entry);
    return entry;
  }
}
