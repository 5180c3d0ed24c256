import { readdirSync } from "node:fs";
import path from "node:path";
import { CAPTURES_DIR, FIXTURES_DIR, readConformanceCases, readIfExists } from "./testdata";

/** mulberry32: a small seeded PRNG, so a failure reproduces from its seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [
  '"',
  "\\",
  "{",
  "}",
  ",",
  "=",
  "#",
  " ",
  "\t",
  "\n",
  "\r",
  "\0",
  "e",
  "+",
  "-",
  ".",
  "☃",
  "\ud800",
];

/** One random edit: a special character, a cut, a repeated run, a deletion or a flipped bit. */
export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = random();
  if (pick < 0.35) {
    const char = INTERESTING[Math.floor(random() * INTERESTING.length)]!;
    return text.slice(0, at) + char + text.slice(at + 1);
  }
  if (pick < 0.5) return text.slice(0, at);
  if (pick < 0.7) {
    const length = Math.floor(random() * 40);
    return text.slice(0, at) + text.slice(at, at + length).repeat(2) + text.slice(at + length);
  }
  if (pick < 0.85) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
  const code = text.charCodeAt(at) ^ (1 << Math.floor(random() * 7));
  return text.slice(0, at) + String.fromCharCode(Number.isNaN(code) ? 0x41 : code) + text.slice(at + 1);
}

/** Input `index` of a seeded run: a corpus text with one to three edits (the same every time). */
export function fuzzInput(corpus: readonly string[], random: () => number): string {
  let text = corpus[Math.floor(random() * corpus.length)]!;
  for (let m = 1 + Math.floor(random() * 3); m > 0; m--) text = mutate(text, random);
  return text;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return textFiles(full);
    return entry.name.endsWith(".txt") ? [readIfExists(full)!] : [];
  });
}

/** What the fuzzer mutates: the conformance corpus, the fixtures and the real servers' captures. */
export function readFuzzCorpus(): string[] {
  return [...readConformanceCases().map((c) => c.text), ...textFiles(FIXTURES_DIR), ...textFiles(CAPTURES_DIR)];
}
