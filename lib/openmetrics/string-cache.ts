/**
 * Interns substrings of the exposition by a hash the scanner computes as it reads them: names, label keys and
 * label values repeat on almost every line, and reusing one string saves the slice, the memory and the GC.
 */
export class StringCache {
  private readonly slots: (string | undefined)[];
  private readonly mask: number;

  constructor(sizePowerOfTwo: number) {
    this.slots = new Array<string | undefined>(1 << sizePowerOfTwo).fill(undefined);
    this.mask = (1 << sizePowerOfTwo) - 1;
  }

  /** `text[start, end)`; `codes` are its code units, to compare with the cached string. */
  get(text: string, codes: Uint16Array, start: number, end: number, hash: number): string {
    const slot = hash & this.mask;
    const cached = this.slots[slot];
    if (cached !== undefined && cached.length === end - start && sameCodes(cached, codes, start)) return cached;
    const fresh = internalize(text.slice(start, end));
    this.slots[slot] = fresh;
    return fresh;
  }
}

/** One step of the scanner's rolling hash. */
export const hashStep = (hash: number, c: number): number => (Math.imul(hash, 31) + c) | 0;

/** A hand loop: faster than `startsWith` for the short strings an exposition repeats. */
function sameCodes(cached: string, codes: Uint16Array, start: number): boolean {
  for (let i = 0; i < cached.length; i++) if (cached.charCodeAt(i) !== codes[start + i]) return false;
  return true;
}

/**
 * The engine's canonical copy of `s`, as property keys use: labels are keyed by these strings, and a store with
 * a canonical key skips the string-table lookup a fresh slice costs on every sample.
 */
function internalize(s: string): string {
  const holder: Record<string, true> = { [s]: true };
  return Object.keys(holder)[0]!;
}
