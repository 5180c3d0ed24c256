import { describe, expect, it } from "vitest";
import { ParseError, parseExposition } from "./parse";
import { readConformanceCases } from "@/test-support/testdata";

const cases = readConformanceCases();

describe("OpenMetrics conformance corpus, strict mode", () => {
  it("has all 211 cases", () => {
    expect(cases).toHaveLength(211);
    expect(cases.some((c) => c.shouldParse) && cases.some((c) => !c.shouldParse)).toBe(true);
  });

  it.each(cases)("$name (shouldParse: $shouldParse)", ({ text, shouldParse }) => {
    if (shouldParse) {
      const result = parseExposition(text, { strict: true });
      expect(result.format).toBe("openmetrics");
      expect(result.errors).toEqual([]);
    } else {
      expect(() => parseExposition(text, { strict: true })).toThrow(ParseError);
    }
  });
});
