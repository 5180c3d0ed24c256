import { describe, expect, it } from "vitest";
import { decodeChunk, encodeChunk } from "./chunk-codec";

const T0 = 1_788_717_600_000;

function roundTrip(values: number[], step = 15_000) {
  const ts = values.map((_, i) => T0 + i * step + (i % 3));
  const blob = encodeChunk(ts, values, values.length);
  const decoded = decodeChunk(blob);
  expect(Array.from(decoded.ts)).toEqual(ts);
  expect(Array.from(decoded.values)).toEqual(values);
  return blob.length;
}

describe("chunk codec", () => {
  it("round-trips counters, decimals, negatives and large integers compactly", () => {
    const counter = Array.from({ length: 240 }, (_, i) => 1_000_000 + i * 300);
    expect(roundTrip(counter)).toBeLessThan(240 * 4);
    expect(roundTrip(Array.from({ length: 100 }, (_, i) => Math.round(Math.sin(i) * 5000) / 100))).toBeLessThan(500);
    roundTrip([0, -1.5, 2 ** 52, -(2 ** 52), 0.000001]);
  });

  it("keeps any other double exactly", () => {
    roundTrip([Math.PI, 1 / 3, 1e300, -5e-324, 0.1 + 0.2]);
    roundTrip([]);
  });
});
