import { describe, expect, it } from "vitest";
import { ParseError, parseExposition } from "./parse";
import { readConformanceCases } from "@/test-support/testdata";

/** mulberry32: a small seeded PRNG, so a failure reproduces from its seed. */
function createRandom(seed: number): () => number {
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

function mutate(text: string, random: () => number): string {
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

const INPUTS_PER_SEED = 3000;
// Generous: it catches a hang or a blow-up, not a GC pause or a stall on a loaded shared machine.
const MAX_MS_PER_CALL = 2000;

describe("fuzz: mutated conformance inputs", () => {
  const corpus = readConformanceCases().map((c) => c.text);

  it.each([1, 2])("seed %i: returns a result or throws ParseError, quickly", (seed) => {
    const random = createRandom(seed);
    let thrown = 0;
    let slowest = 0;
    for (let i = 0; i < INPUTS_PER_SEED; i++) {
      let text = corpus[Math.floor(random() * corpus.length)]!;
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) text = mutate(text, random);
      for (const strict of [true, false]) {
        const started = performance.now();
        try {
          const result = parseExposition(text, { strict });
          expect(Array.isArray(result.families) && Array.isArray(result.errors)).toBe(true);
        } catch (error) {
          if (!(error instanceof ParseError)) {
            throw new Error(`seed ${seed} input ${i}: ${String(error)}`, { cause: error });
          }
          thrown++;
        }
        slowest = Math.max(slowest, performance.now() - started);
      }
    }
    expect(thrown).toBeGreaterThan(INPUTS_PER_SEED / 4);
    expect(slowest).toBeLessThan(MAX_MS_PER_CALL);
  });
});
