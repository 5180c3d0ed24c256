/** Deterministic pseudo-randomness: the same parts always give the same number. */
export function hash32(...parts: Array<string | number>): number {
  const text = parts.join("\u0000");
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A number in [0, 1) from the parts. */
export function unit(...parts: Array<string | number>): number {
  return hash32(...parts) / 2 ** 32;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `count` characters from a seed, by xorshift32: cheap enough to run per replica per scrape. */
function letters(seed: number, count: number): string {
  let out = "";
  let x = seed || 1;
  for (let i = 0; i < count; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += ALPHABET[(x >>> 0) % ALPHABET.length];
  }
  return out;
}

/** A Hugging Face style replica id ("fqwg7eri-hskoj"). */
export function replicaIdOf(...parts: Array<string | number>): string {
  const seed = hash32(...parts);
  const id = letters(seed, 13);
  return `${id.slice(0, 8)}-${id.slice(8)}`;
}
