/** Deterministic pseudo-randomness: the same parts always give the same number. */
export function hash32(...parts: Array<string | number>): number {
  let h = 2166136261;
  // FNV-1a over the parts joined by NULs, without building the joined string.
  parts.forEach((part, index) => {
    if (index > 0) h = Math.imul(h, 16777619);
    const text = String(part);
    for (let i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
  });
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A number in [0, 1) from the parts. */
export function unit(...parts: Array<string | number>): number {
  return hash32(...parts) / 2 ** 32;
}

/** The next xorshift32 state: cheap numbers in a row from one hash. */
function xorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

/** `count` numbers in [-1, 1) from the parts, for one hash rather than one each. */
export function signedUnits(count: number, ...parts: Array<string | number>): number[] {
  const out: number[] = [];
  for (let i = 0, x = hash32(...parts) || 1; i < count; i += 1) {
    x = xorshift32(x);
    out.push((x / 2 ** 32) * 2 - 1);
  }
  return out;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `count` characters from a seed: cheap enough to run per replica per scrape. */
function letters(seed: number, count: number): string {
  let out = "";
  for (let i = 0, x = seed || 1; i < count; i += 1) {
    x = xorshift32(x);
    out += ALPHABET[x % ALPHABET.length];
  }
  return out;
}

/** A Hugging Face style replica id ("fqwg7eri-hskoj"). */
export function replicaIdOf(...parts: Array<string | number>): string {
  const seed = hash32(...parts);
  const id = letters(seed, 13);
  return `${id.slice(0, 8)}-${id.slice(8)}`;
}
