import { describe, expect, it } from "vitest";
import { decodeChunk, encodeChunk } from "./chunk-codec";

const T0 = 1_788_717_600_000;

function roundTrip(values: number[], ts = values.map((_, i) => T0 + i * 15_000 + (i % 3))) {
  const blob = encodeChunk(ts, values, values.length);
  const decoded = decodeChunk(blob);
  expect(Array.from(decoded.ts)).toEqual(ts);
  expect(Array.from(decoded.values)).toEqual(values);
  return blob.length;
}

/** Deterministic uniform [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe("chunk codec", () => {
  it("round-trips counters, decimals, negatives and large integers compactly", () => {
    const counter = Array.from({ length: 240 }, (_, i) => 1_000_000 + i * 300);
    expect(roundTrip(counter)).toBeLessThan(240 * 4);
    expect(roundTrip(Array.from({ length: 100 }, (_, i) => Math.round(Math.sin(i) * 5000) / 100))).toBeLessThan(500);
    roundTrip([0, -1.5, 2 ** 52, -(2 ** 52), 0.000001]);
    roundTrip([2 ** 40, 3, 2 ** 45 + 7, -(2 ** 44), 2 ** 53 - 1]);
    roundTrip([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0]);
    roundTrip([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
    roundTrip([-Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER + 4, -Number.MAX_SAFE_INTEGER + 2]);
    roundTrip([2 ** 53 - 1, 2 ** 53 - 3]);
  });

  it("keeps any other double exactly", () => {
    roundTrip([Math.PI, 1 / 3, 1e300, -5e-324, 0.1 + 0.2]);
    roundTrip([]);
    roundTrip([7]);
    roundTrip([7, 8]);
  });

  it("packs a steady scrape's timestamps and a constant into a few bytes", () => {
    const ts = Array.from({ length: 240 }, (_, i) => T0 + i * 15_000);
    expect(roundTrip(Array(240).fill(42), ts)).toBeLessThan(20);
  });

  it("packs a noisy gauge at its range's width and a counter at its increments' width", () => {
    const next = random(7);
    const ts = Array.from({ length: 240 }, (_, i) => T0 + i * 15_000);
    // 0.00–99.99: 10,000 values, 14 bits each.
    const gauge = ts.map(() => Math.round(next() * 10_000) / 100);
    expect(roundTrip(gauge, ts)).toBeLessThanOrEqual(Math.ceil((240 * 14) / 8) + 20);
    // Increments 200–455: 8 bits each, whatever the counter's own magnitude.
    let total = 5e9;
    const counter = ts.map(() => (total += 200 + Math.floor(next() * 256)));
    expect(roundTrip(counter, ts)).toBeLessThanOrEqual(240 + 24);
  });

  it("round-trips random chunks of every kind (jittered times, resets, floats)", () => {
    const next = random(11);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(next() * 240);
      let t = T0;
      const ts = Array.from({ length: n }, () => (t += 1 + Math.floor(next() * 30_000)));
      const kind = round % 4;
      let total = 0;
      const values = ts.map((_, i) =>
        kind === 0
          ? (total = i % 50 === 49 ? 0 : total + Math.floor(next() * 1000))
          : kind === 1
            ? Math.round((next() - 0.5) * 1e8) / 1e4
            : kind === 2
              ? next() * 1e6
              : Math.floor(next() * 3) - 1,
      );
      roundTrip(values, ts);
    }
  });

  it("reads chunks written by the earlier varint format", () => {
    // Written by the varint-delta encoder this format replaced (commit 5a5a66e).
    const ts = [T0, T0 + 15_000, T0 + 30_004, T0 + 45_001];
    const old = decodeChunk(Buffer.from("0480b484fe8e68cfc982fe8e68080d02c41364dd02f62c", "hex"));
    expect(Array.from(old.ts)).toEqual(ts);
    expect(Array.from(old.values)).toEqual([12.5, 13, 11.25, 40]);
    const floats = decodeChunk(
      Buffer.from("0380b484fe8e68cfc982fe8e6808ff01182d4454fb210940555555555555d53f00000000000000c0", "hex"),
    );
    expect(Array.from(floats.ts)).toEqual(ts.slice(0, 3));
    expect(Array.from(floats.values)).toEqual([Math.PI, 1 / 3, -2]);
  });
});
