import { describe, expect, it } from "vitest";
import { toReplicaSegments } from "./replica-segments";

const replica = (state: string, firstSeen: number, lastSeen: number) => ({ id: "r", state, firstSeen, lastSeen });

describe("toReplicaSegments", () => {
  it("draws a replica still running from first to last sighting", () => {
    expect(toReplicaSegments(replica("running", 250, 1000), 0, 1000)).toEqual([
      { state: "running", left: 0.25, width: 0.75 },
    ]);
  });

  it("draws a gone replica as running while seen, then gone for the rest of the range", () => {
    expect(toReplicaSegments(replica("gone", 100, 600), 0, 1000)).toEqual([
      { state: "running", left: 0.1, width: 0.5 },
      { state: "gone", left: 0.6, width: 0.4 },
    ]);
  });

  it("clips to the range and keeps a sliver visible for a single sighting", () => {
    expect(toReplicaSegments(replica("initializing", -500, -100), 0, 1000)).toEqual([
      { state: "initializing", left: 0, width: 0.004 },
    ]);
  });
});
