import { describe, expect, it } from "vitest";
import { parseNumberString } from "./number";

describe("parseNumberString, the guarded float reader", () => {
  it.each([
    ["0", 0],
    ["1", 1],
    ["-1.5", -1.5],
    ["+2", 2],
    ["1.", 1],
    [".5", 0.5],
    ["1e3", 1000],
    ["1E-3", 0.001],
    ["2.478268416e+09", 2478268416],
    ["0000000000000000000000000000000000000000001.2e-1", 0.12],
    ["9223372036854775808", 9223372036854775808],
    ["12345678901234567890.1234567890", 12345678901234567000],
    ["0.1", 0.1],
    ["1.7526613847065268e+09", 1752661384.7065268],
    ["4.9e-324", 5e-324],
    ["1e400", Infinity],
  ])("reads %j as %d", (text, value) => {
    expect(parseNumberString(text, false)).toBe(value);
  });

  it("agrees with Number() on every decimal it accepts", () => {
    for (const text of ["3.14159", "-0.000123", "123456789.987654321", "7e22", "7e23", "1.0000000000000002"]) {
      expect(parseNumberString(text, false)).toBe(Number(text));
    }
  });

  it.each([
    "",
    " 1",
    "1 ",
    "0x10",
    "0X1",
    "0b1",
    "0o1",
    "1_000",
    "1z",
    "1.1.1",
    "e3",
    "1e",
    "1e+",
    ".",
    "+",
    "-",
    "--1",
  ])("rejects %j", (text) => {
    expect(parseNumberString(text, true)).toBeUndefined();
  });

  it.each([
    ["NaN", NaN],
    ["nan", NaN],
    ["+Inf", Infinity],
    ["-Inf", -Infinity],
    ["Inf", Infinity],
    ["inf", Infinity],
    ["-Infinity", -Infinity],
  ])("reads the special %j when specials are allowed", (text, value) => {
    expect(parseNumberString(text, true)).toBe(value);
    expect(parseNumberString(text, false)).toBeUndefined();
  });

  it.each(["+NaN", "-NaN", "Infinit", "Infx", "NaNa"])("rejects the almost-special %j", (text) => {
    expect(parseNumberString(text, true)).toBeUndefined();
  });
});
