import { describe, expect, it } from "vitest";
import { readFixtureJson } from "@/test-support/testdata";
import { HuggingFaceEndpointListSchema, HuggingFaceEndpointSchema } from "./api-types";
import { getHuggingFaceEligibility } from "./eligibility";

const fixture = HuggingFaceEndpointListSchema.parse(readFixtureJson("huggingface/list-endpoints.json"));

const withStatus = (status: Record<string, unknown>) => HuggingFaceEndpointSchema.parse({ name: "e", status });

describe("getHuggingFaceEligibility", () => {
  it("reads the fixture's endpoints", () => {
    expect(fixture.items.map((item) => [item.name, getHuggingFaceEligibility(item).reason])).toEqual([
      ["sentiment-prod", null],
      ["llama-chat", "scaled to zero: no running replica to report"],
      ["whisper-batch", "failed: Endpoint failed to deploy"],
    ]);
  });

  it.each([
    [{ state: "paused", readyReplica: 0 }, "paused"],
    [{ state: "scaledToZero", readyReplica: 0 }, "scaled to zero: no running replica to report"],
    [{ state: "failed", message: "OOM" }, "failed: OOM"],
    [{ state: "failed" }, "failed"],
    [{ state: "pending", readyReplica: 0 }, "pending: no replica deployed yet"],
    [{ state: "updateFailed", message: "bad image", readyReplica: 1 }, "update failed: bad image"],
    [{ state: "initializing", readyReplica: 0 }, "initializing: no ready replica yet"],
    [{ state: "initializing", readyReplica: 1 }, null],
    [{ state: "updating", readyReplica: 2 }, null],
    [{ state: "running", readyReplica: 3 }, null],
    [{ state: "running", readyReplica: null }, "running: no ready replica yet"],
    [{ state: "somethingNew", readyReplica: 1 }, null],
    [{ state: "somethingNew", readyReplica: 0 }, "no ready replica (state somethingNew)"],
  ])("%j → %s", (status, reason) => {
    expect(getHuggingFaceEligibility(withStatus(status))).toEqual({ available: reason === null, reason });
  });
});
