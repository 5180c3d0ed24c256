import { describe, expect, it } from "vitest";
import { readFixtureJson } from "@/test-support/testdata";
import { DatabricksEndpointListSchema, DatabricksEndpointSchema } from "./api-types";
import { getDatabricksEligibility, PAY_PER_TOKEN_NO_WAREHOUSE_REASON, PAY_PER_TOKEN_REASON } from "./eligibility";

const list = DatabricksEndpointListSchema.parse(readFixtureJson("databricks/list-endpoints.json"));

function endpoint(raw: Record<string, unknown>) {
  return DatabricksEndpointSchema.parse({ state: { ready: "READY", config_update: "NOT_UPDATING" }, ...raw });
}

describe("getDatabricksEligibility", () => {
  it.each([
    ["fraud-scorer", null],
    ["llama-pt", null],
    ["databricks-meta-llama-3-3-70b-instruct", PAY_PER_TOKEN_REASON],
    ["openai-proxy", null],
    ["churn-model", "not ready (state NOT_READY)"],
    ["recsys-features", null],
  ])("fixture endpoint %s → %s", (name, reason) => {
    const found = list.endpoints.find((candidate) => candidate.name === name);
    expect(found).toBeDefined();
    expect(getDatabricksEligibility(found!, { warehouse: true })).toEqual({ available: reason === null, reason });
  });

  it.each([
    [
      "updating",
      { name: "a", state: { ready: "READY", config_update: "IN_PROGRESS" } },
      "updating (config_update IN_PROGRESS)",
    ],
    ["not ready without config_update", { name: "a", state: { ready: "NOT_READY" } }, "not ready (state NOT_READY)"],
    ["no state at all", { name: "a", state: null }, "not ready (state UNKNOWN)"],
    ["being deleted", { name: "a", state: { ready: "DELETING" } }, "being deleted"],
    [
      "FMAPI shape without endpoint_type",
      {
        name: "databricks-bge-large-en",
        config: { served_entities: [{ foundation_model: { name: "databricks-bge-large-en" } }] },
      },
      PAY_PER_TOKEN_REASON,
    ],
    [
      "provisioned-throughput foundation model",
      {
        name: "databricks-llama-pt",
        config: {
          served_entities: [
            {
              foundation_model: { name: "databricks-x" },
              min_provisioned_throughput: 0,
              max_provisioned_throughput: 100,
            },
          ],
        },
      },
      null,
    ],
    [
      "foundation model on a name not starting with databricks-",
      { name: "my-llm", config: { served_entities: [{ name: "my-llm", foundation_model: { name: "custom" } }] } },
      null,
    ],
    ["external model", { name: "databricks-gpt", endpoint_type: "EXTERNAL_MODEL" }, null],
    ["unknown fields are ignored", { name: "a", something_new: { nested: true } }, null],
  ])("%s", (_, raw, reason) => {
    expect(getDatabricksEligibility(endpoint(raw), { warehouse: true })).toEqual({
      available: reason === null,
      reason,
    });
  });

  it("says how to see pay-per-token usage when no SQL warehouse is configured", () => {
    const fmapi = endpoint({ name: "databricks-dbrx", endpoint_type: "FOUNDATION_MODEL_API" });
    expect(getDatabricksEligibility(fmapi, { warehouse: false })).toEqual({
      available: false,
      reason: PAY_PER_TOKEN_NO_WAREHOUSE_REASON,
    });
    expect(PAY_PER_TOKEN_NO_WAREHOUSE_REASON).toContain("set DATABRICKS_WAREHOUSE_ID");
  });
});
