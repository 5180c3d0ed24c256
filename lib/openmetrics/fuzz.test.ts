import { describe, expect, it } from "vitest";
import { ParseError, parseExposition } from "./parse";
import { createRandom, fuzzInput, readFuzzCorpus } from "@/test-support/fuzz";

const INPUTS_PER_SEED = 3000;
// Generous: it catches a hang or a blow-up, not a GC pause or a stall on a loaded shared machine.
const MAX_MS_PER_CALL = 2000;

describe("fuzz: mutated conformance cases, fixtures and real captures", () => {
  const corpus = readFuzzCorpus();

  it.each([1, 2])("seed %i: returns a result or throws ParseError, quickly", (seed) => {
    const random = createRandom(seed);
    let thrown = 0;
    let slowest = 0;
    for (let i = 0; i < INPUTS_PER_SEED; i++) {
      const text = fuzzInput(corpus, random);
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
