import { type LabelFactory, labelFactory } from "./label-factory";

/**
 * The tokens of a line the plain reader accepted, as offsets from the line's start and the strings they read.
 * Consecutive lines of a family repeat the name and most labels, so the next line can reuse every token its
 * text shares with this one and scan only the rest.
 */
export class PlainLine {
  start = -1;
  name = "";
  /** Offset of the character after the name. */
  nameEnd = 0;
  pairs = 0;
  /** Makes label sets with this line's label names. */
  labelFactory: LabelFactory = labelFactory([], 0);
  readonly keys: string[] = [];
  readonly values: string[] = [];
  /** Offset of each label value's first character. */
  readonly valueStarts: number[] = [];
  /** Offset of the `,` or `}` after each label pair. */
  readonly pairEnds: number[] = [];

  /** How many characters from `start` equal this line's, up to the end of its last reusable token. */
  matchLength(codes: Uint16Array, start: number, end: number): number {
    if (this.start < 0) return 0;
    const from = this.start;
    const limit = Math.min((this.pairs > 0 ? this.pairEnds[this.pairs - 1]! : this.nameEnd) + 1, end - start);
    let i = 0;
    while (i < limit && codes[from + i] === codes[start + i]) i++;
    return i;
  }

  /** Whether this line's label names are `keys[0 … count-1]`. */
  hasKeys(keys: readonly string[], count: number): boolean {
    if (this.start < 0 || count !== this.pairs) return false;
    for (let k = 0; k < count; k++) if (keys[k] !== this.keys[k]) return false;
    return true;
  }

  /** Takes label pairs `0 … count-1` from `other`, whose line has the same text up to there. */
  copyPairs(other: PlainLine, count: number): void {
    for (let k = 0; k < count; k++) {
      this.keys[k] = other.keys[k]!;
      this.values[k] = other.values[k]!;
      this.valueStarts[k] = other.valueStarts[k]!;
      this.pairEnds[k] = other.pairEnds[k]!;
    }
  }
}
