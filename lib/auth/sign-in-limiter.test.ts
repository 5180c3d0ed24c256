import { describe, expect, it } from "vitest";
import { createSignInLimiter, toClientKey } from "./sign-in-limiter";

const LIMITS = { maxFailures: 3, windowMs: 60_000, maxClients: 2 };
const T = 1_788_718_020_000;

function limiter() {
  const lines: string[] = [];
  return { lines, limiter: createSignInLimiter(LIMITS, (line) => lines.push(line)) };
}

describe("createSignInLimiter", () => {
  it("blocks a client after maxFailures within the window, until its oldest failure leaves it", () => {
    const { limiter: l } = limiter();
    expect(l.recordFailure("a", "sign-in", T)).toBe(0);
    expect(l.recordFailure("a", "sign-in", T + 10_000)).toBe(0);
    expect(l.retryAfterS("a", T + 20_000)).toBe(0);
    expect(l.recordFailure("a", "sign-in", T + 20_000)).toBe(40);
    expect(l.retryAfterS("a", T + 59_500)).toBe(1);
    expect(l.retryAfterS("a", T + 60_000)).toBe(0);
    expect(l.retryAfterS("b", T + 20_000)).toBe(0);
  });

  it("forgets a client's failures when it signs in", () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure("a", "sign-in", T + i);
    l.recordSuccess("a");
    expect(l.retryAfterS("a", T + 10)).toBe(0);
  });

  it("holds at most maxClients, forgetting those that failed longest ago", () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure("a", "sign-in", T + i);
    l.recordFailure("b", "sign-in", T + 10);
    l.recordFailure("c", "sign-in", T + 20);
    expect(l.retryAfterS("a", T + 30)).toBe(0);
  });

  it("logs each failure and the block, naming the client and never a credential", () => {
    const { limiter: l, lines } = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure("192.0.2.7", "bearer token", T + i * 1000);
    expect(lines).toEqual([
      "servescope: bearer token failed from 192.0.2.7 (1 of 3 allowed in 1 min)",
      "servescope: bearer token failed from 192.0.2.7 (2 of 3 allowed in 1 min)",
      "servescope: bearer token refused from 192.0.2.7 for 58 s after 3 failures in 1 min",
    ]);
  });
});

describe("toClientKey", () => {
  it.each([
    ["192.0.2.7", "192.0.2.7"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("%s → %s", (address, key) => {
    expect(toClientKey(address)).toBe(key);
  });
});
