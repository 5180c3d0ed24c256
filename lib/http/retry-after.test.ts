import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";
import { parseRetryAfterMs } from "./retry-after";
import { joinUrl } from "./url";

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe("parseRetryAfterMs", () => {
  it.each([
    [null, null],
    ["7", 7_000],
    [" 0 ", 0],
    ["Mon, 23 Nov 2026 12:00:30 GMT", 30_000],
    ["Mon, 23 Nov 2026 11:00:00 GMT", 0],
    ["soon", null],
    ["-5", null],
    ["1.5", null],
  ])("%j → %j", (header, expected) => {
    expect(parseRetryAfterMs(header, NOW)).toBe(expected);
  });
});

describe("backoffDelayMs", () => {
  it("grows exponentially within full jitter and respects the cap", () => {
    expect(backoffDelayMs(0, 100, 30_000, () => 0.999)).toBe(100);
    expect(backoffDelayMs(3, 100, 30_000, () => 0.5)).toBe(400);
    expect(backoffDelayMs(20, 100, 1_000, () => 1)).toBe(1_000);
    expect(backoffDelayMs(5, 100, 30_000, () => 0)).toBe(0);
  });
});

describe("joinUrl", () => {
  it("encodes each segment so names cannot change the host or path", () => {
    expect(joinUrl("https://adb-1.azuredatabricks.net", "api", "2.0", "serving-endpoints", "a/../b?x#y")).toBe(
      "https://adb-1.azuredatabricks.net/api/2.0/serving-endpoints/a%2F..%2Fb%3Fx%23y",
    );
    expect(joinUrl("http://127.0.0.1:9/prefix/", "v2", "@evil.com")).toBe("http://127.0.0.1:9/prefix/v2/%40evil.com");
  });
});
