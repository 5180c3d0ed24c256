import { describe, expect, it } from "vitest";
import { memoizeByIndex } from "./memo";

describe("memoizeByIndex", () => {
  it("computes each index once, and still answers right after forgetting", () => {
    const calls: number[] = [];
    const square = memoizeByIndex((i) => {
      calls.push(i);
      return i * i;
    }, 2);
    expect([square(3), square(3), square(4)]).toEqual([9, 9, 16]);
    expect(calls).toEqual([3, 4]);
    expect(square(5)).toBe(25);
    expect(square(3)).toBe(9);
    expect(calls).toEqual([3, 4, 5, 3]);
  });
});
