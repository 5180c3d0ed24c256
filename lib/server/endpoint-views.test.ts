import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeEndpoint, sample } from "@/test-support/endpoints";
import { openStore, type Store } from "@/lib/store/store";
import { endpointViews } from "./endpoint-views";

const T0 = 1_788_717_600_000;
const ALWAYS = ["requests", "hardware", "timeline"];

describe("the views an endpoint is offered", () => {
  let store: Store;
  beforeEach(() => (store = openStore(":memory:")));
  afterEach(() => store.close());

  const vllm = makeEndpoint("om.vllm", "openmetrics");
  const hf = makeEndpoint("hf.chat", "huggingface");

  beforeEach(() => {
    store.writeSamples(vllm.id, [sample("generation_tokens_total", { replica: "a:8000" }, 10, T0)]);
    store.writeSamples(hf.id, [sample("pending_requests", { replica: "r1" }, 2, T0)]);
  });

  it("embedded: the LLM view once the store holds one of its own panels' metrics", () => {
    const embedded = { config: { prometheusUrl: null }, store };
    expect(endpointViews(embedded, vllm)).toEqual([...ALWAYS, "llm"]);
    expect(endpointViews(embedded, hf)).toEqual(ALWAYS);
    expect(endpointViews(embedded, makeEndpoint("om.silent", "openmetrics"))).toEqual(ALWAYS);
  });

  it("Prometheus: what the PromQL plans answer for the provider, whatever the embedded store holds", () => {
    const prometheus = { config: { prometheusUrl: "http://127.0.0.1:9090" }, store };
    expect(endpointViews(prometheus, vllm)).toEqual([...ALWAYS, "llm"]);
    expect(endpointViews(prometheus, makeEndpoint("om.silent", "openmetrics"))).toEqual([...ALWAYS, "llm"]);
    expect(endpointViews(prometheus, hf)).toEqual(ALWAYS);
  });
});
