import { describe, expect, it } from "vitest";
import { toSameOriginPath } from "./next-path";

describe("toSameOriginPath", () => {
  it.each([
    ["/endpoints/databricks.fraud-scorer?view=hardware#cpu", "/endpoints/databricks.fraud-scorer?view=hardware#cpu"],
    ["/", "/"],
    ["/a/../integrations", "/integrations"],
  ])("keeps the path %j", (next, expected) => {
    expect(toSameOriginPath(next)).toBe(expected);
  });

  it.each([
    ["a backslash (/%5C)", "/\\evil.example/x"],
    ["a backslash after a tab", "/\t\\evil.example"],
    ["a tab (/%09/)", "/\t/evil.example/x"],
    ["a newline", "/\n/evil.example"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a dot segment that leaves //", "/.//evil.example/x"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "endpoints"],
    ["nothing", undefined],
    ["a repeated parameter", ["/a", "//evil.example"]],
  ])("sends %s to /", (_, next) => {
    expect(toSameOriginPath(next)).toBe("/");
  });
});
