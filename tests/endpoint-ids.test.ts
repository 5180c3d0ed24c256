import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEndpoint } from "@/app/api/endpoints/[id]/route";
import { GET as listEndpoints } from "@/app/api/endpoints/route";
import { EndpointDetailSchema, EndpointListSchema, type EndpointSummary } from "@/lib/api/schemas";
import { startServerHarness } from "@/test-support/server-harness";
import { waitFor } from "@/test-support/wait-for";

/** Names a platform may list that share a slug with another, and one no request path can hold. */
const DATABRICKS_COPIES = {
  "Fraud-Scorer": "fraud-scorer",
  "fraud scorer": "fraud-scorer",
  dup: "recsys-features",
  DUP: "recsys-features",
  "..": "fraud-scorer",
};
const HUGGINGFACE_COPIES = { "Sentiment-Prod": "sentiment-prod", "..": "sentiment-prod" };
const SCRAPED = {
  databricks: ["fraud-scorer", "Fraud-Scorer", "fraud scorer", "dup", "DUP"],
  huggingface: ["sentiment-prod", "Sentiment-Prod"],
};

let harness: Awaited<ReturnType<typeof startServerHarness>>;
let endpoints: EndpointSummary[];
const find = (provider: string, name: string) => {
  const endpoint = endpoints.find((e) => e.provider === provider && e.name === name);
  if (!endpoint) throw new Error(`${provider}/${name} is not listed`);
  return endpoint;
};

beforeAll(async () => {
  harness = await startServerHarness(
    {},
    { copies: { databricks: DATABRICKS_COPIES, huggingface: HUGGINGFACE_COPIES } },
  );
  await waitFor(() => {
    const scraped = harness.runtime.endpoints().filter((e) => harness.runtime.store.lastScrape(e.id)?.ok);
    return Object.entries(SCRAPED).every(([provider, names]) =>
      names.every((name) => scraped.some((e) => e.provider === provider && e.name === name)),
    );
  }, 30_000);
  endpoints = EndpointListSchema.parse(await (await listEndpoints()).json()).endpoints;
}, 60_000);

afterAll(() => harness?.close());

describe("endpoint ids", () => {
  it("lists names that share a slug under distinct ids, keeping the plain id of a name that is its own slug", () => {
    const ids = endpoints.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(find("databricks", "fraud-scorer").id).toBe("databricks.fraud-scorer");
    expect(find("databricks", "dup").id).toBe("databricks.dup");
    expect(find("huggingface", "sentiment-prod").id).toBe("huggingface.sentiment-prod");
    expect(find("databricks", "DUP").id).toMatch(/^databricks\.dup-[0-9a-f]{8}$/);
    expect(find("databricks", "Fraud-Scorer").id).toMatch(/^databricks\.fraud-scorer-[0-9a-f]{8}$/);
    expect(find("databricks", "fraud scorer").id).toMatch(/^databricks\.fraud-scorer-[0-9a-f]{8}$/);
    expect(find("huggingface", "Sentiment-Prod").id).toMatch(/^huggingface\.sentiment-prod-[0-9a-f]{8}$/);
  });

  it("scrapes every one of them, each from its own name's path", async () => {
    for (const [provider, names] of Object.entries(SCRAPED)) {
      for (const name of names) {
        const { id } = find(provider, name);
        expect(harness.runtime.store.lastScrape(id), `${provider}/${name}`).toMatchObject({ ok: true });
        const detail = EndpointDetailSchema.parse(
          await (await getEndpoint(new Request("http://127.0.0.1/"), { params: Promise.resolve({ id }) })).json(),
        );
        expect(detail.name).toBe(name);
      }
    }
    const paths = new Set(harness.fakes.received.map((request) => request.path));
    for (const name of SCRAPED.databricks) {
      expect(paths).toContain(`/api/2.0/serving-endpoints/${encodeURIComponent(name)}/metrics`);
    }
  });

  it("lists a name no request path can hold, with the reason, and never calls the platform for it", () => {
    for (const provider of ["databricks", "huggingface"]) {
      const dots = find(provider, "..");
      expect(dots.metrics).toEqual({
        available: false,
        reason: expect.stringContaining("cannot be used in a request path"),
      });
      expect(harness.runtime.store.lastScrape(dots.id)).toBeNull();
    }
    const namespace = harness.fakes.huggingface.namespace;
    const allowed = [
      /^\/api\/2\.0\/serving-endpoints$/,
      /^\/api\/2\.0\/serving-endpoints\/[^/]+(\/metrics)?$/,
      new RegExp(`^/v2/endpoint/${namespace}$`),
      new RegExp(`^/v2/endpoint/${namespace}/[^/]+/open-metrics$`),
    ];
    const elsewhere = harness.fakes.received.filter((request) => !allowed.some((path) => path.test(request.path)));
    expect(elsewhere).toEqual([]);
    expect(harness.fakes.received.some((request) => /\/(\.\.|%2e%2e)(\/|$)/i.test(request.path))).toBe(false);
  });
});
