import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const headers = (values: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...values });

describe("isSameOriginRequest", () => {
  it.each([
    ["this page's own post", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }, true],
    ["a script (no Origin, no Sec-Fetch-Site)", {}, true],
    ["a post typed in the address bar", { "sec-fetch-site": "none" }, true],
    ["a page behind a proxy", { origin: "https://dash.example.com", "x-forwarded-host": "dash.example.com" }, true],
    ["another site's form", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, false],
    ["another site, older browser", { origin: "https://evil.example" }, false],
    ["another port of this host", { origin: "http://127.0.0.1:4000" }, false],
    ["a sandboxed page", { origin: "null" }, false],
    ["a sibling subdomain", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" }, false],
  ])("%s: %s", (_, values, expected) => {
    expect(isSameOriginRequest(headers(values))).toBe(expected);
  });
});
