import { describe, expect, it } from "vitest";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { createEndpointUrls, toEndpointId, withDistinctIds } from "./endpoint-id";
import { makeEndpoint } from "@/test-support/endpoints";

function endpoint(name: string): DiscoveredEndpoint {
  return makeEndpoint(toEndpointId("src", name), "databricks", { source: "src", name, state: "READY" });
}
const idsOf = (names: string[]) => Object.fromEntries(withDistinctIds(names.map(endpoint)).map((e) => [e.name, e.id]));

describe("withDistinctIds", () => {
  it("keeps the slug id of every name whose slug no other name shares", () => {
    expect(idsOf(["fraud-scorer", "Churn Model", "llama_3.1"])).toEqual({
      "fraud-scorer": "src.fraud-scorer",
      "Churn Model": "src.churn-model",
      "llama_3.1": "src.llama_3.1",
    });
  });

  it("tells apart names sharing a slug, whatever their order; a name that is its own slug keeps it", () => {
    const names = ["DUP", "dup", "Fraud-Scorer", "fraud scorer", "a b", "a-b", "..", "endpoint"];
    const ids = idsOf(names);
    expect(new Set(Object.values(ids)).size).toBe(names.length);
    expect(ids).toMatchObject({ dup: "src.dup", "a-b": "src.a-b", endpoint: "src.endpoint" });
    expect(ids["DUP"]).toMatch(/^src\.dup-[0-9a-f]{8}$/);
    expect(ids["Fraud-Scorer"]).toMatch(/^src\.fraud-scorer-[0-9a-f]{8}$/);
    expect(idsOf([...names].reverse())).toEqual(ids);
  });

  it("stays injective when a digest-suffixed id is also another endpoint's own name", () => {
    const first = idsOf(["dup", "DUP"])["DUP"]!;
    const ids = idsOf(["dup", "DUP", first.slice("src.".length)]);
    expect(new Set(Object.values(ids)).size).toBe(3);
    expect(ids["DUP"]).toMatch(/^src\.dup-[0-9a-f]{12}$/);
  });

  it("lists a name the platform repeats once", () => {
    expect(withDistinctIds(["dup", "dup"].map(endpoint))).toHaveLength(1);
  });
});

describe("createEndpointUrls", () => {
  const urls = createEndpointUrls("https://adb-1.net/base/", "api", "2.0", "serving-endpoints");

  it("encodes a name as one path segment", () => {
    expect(urls()).toBe("https://adb-1.net/base/api/2.0/serving-endpoints");
    expect(urls("a/b?c#d", "metrics")).toBe("https://adb-1.net/base/api/2.0/serving-endpoints/a%2Fb%3Fc%23d/metrics");
    expect(urls("%2e%2e", "metrics")).toBe("https://adb-1.net/base/api/2.0/serving-endpoints/%252e%252e/metrics");
  });

  it.each(["", ".", ".."])("refuses %j, which a URL parser would resolve to another path", (name) => {
    expect(() => urls(name, "metrics")).toThrow("cannot be used in a request path");
  });
});
