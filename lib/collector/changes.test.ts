import { describe, expect, it } from "vitest";
import { UNKNOWN_SCALING, type DiscoveredEndpoint } from "@/lib/model/endpoint";
import { changesSince, detectChanges } from "./changes";
import { makeEndpoint } from "@/test-support/endpoints";

const AT = Date.UTC(2026, 11, 1, 12);

function endpoint(patch: Partial<DiscoveredEndpoint> = {}): DiscoveredEndpoint {
  return makeEndpoint("dbx.kappa", "databricks", {
    state: "READY",
    model: { name: "main.ml.kappa", version: "7", details: { config_update: "NOT_UPDATING" } },
    revision: { config: { kind: "config_version", value: "3" }, entities: [{ name: "main.ml.kappa", version: "7" }] },
    ...patch,
  });
}

const revision = (config: string | null, ...entities: Array<[string, string | null]>) => ({
  revision: {
    config: config === null ? null : { kind: "config_version" as const, value: config },
    entities: entities.map(([name, version]) => ({ name, version })),
  },
});

const texts = (before: DiscoveredEndpoint, after: DiscoveredEndpoint) =>
  detectChanges(before, after, AT).map(({ kind, text }) => [kind, text]);

describe("detectChanges", () => {
  it("says nothing when nothing changed", () => {
    expect(detectChanges(endpoint(), endpoint(), AT)).toEqual([]);
  });

  it("tells a config version and the served entity's version in one event", () => {
    expect(detectChanges(endpoint(), endpoint(revision("4", ["main.ml.kappa", "8"])), AT)).toEqual([
      { endpointId: "dbx.kappa", atMs: AT, kind: "config", text: "config 3 → 4: main.ml.kappa 7 → 8" },
    ]);
  });

  it.each([
    [revision("4", ["main.ml.kappa", "7"]), "config 3 → 4"],
    [revision("3", ["main.ml.kappa", "7"], ["main.ml.rho", "1"]), "main.ml.rho 1 added"],
    [revision("4"), "config 3 → 4: main.ml.kappa removed"],
  ])("config: %j → %s", (patch, text) => {
    expect(texts(endpoint(), endpoint(patch))).toEqual([["config", text]]);
  });

  it("compares no markers of different kinds", () => {
    const updated = { kind: "updated_at" as const, value: "2026-12-01T11:59:00Z" };
    expect(texts(endpoint(), endpoint({ revision: { ...endpoint().revision!, config: updated } }))).toEqual([]);
  });

  it("says nothing of what one discovery did not report (a list view without config_version)", () => {
    expect(texts(endpoint(), endpoint(revision(null, ["main.ml.kappa", null])))).toEqual([]);
    expect(texts(endpoint({ revision: undefined }), endpoint(revision("9", ["main.ml.kappa", "9"])))).toEqual([]);
  });

  it("tells a Hugging Face update by its time and the model's revision", () => {
    const hf = (updatedAt: string, sha: string) =>
      endpoint({
        revision: { config: { kind: "updated_at", value: updatedAt }, entities: [{ name: "org/model", version: sha }] },
      });
    expect(texts(hf("2026-10-01T09:00:00Z", "abc"), hf("2026-12-01T11:58:00Z", "def"))).toEqual([
      ["config", "updated 2026-12-01T11:58:00Z: org/model abc → def"],
    ]);
  });

  it("tells state and config_update changes as one state event", () => {
    const updating = endpoint({
      state: "NOT_READY",
      model: { ...endpoint().model, details: { config_update: "IN_PROGRESS" } },
    });
    expect(texts(endpoint(), updating)).toEqual([
      ["state", "state READY → NOT_READY; config update NOT_UPDATING → IN_PROGRESS"],
    ]);
  });

  it("tells replica counts: together as one step, apart when they differ", () => {
    const scaled = (ready: number | null, target: number | null) =>
      endpoint({ scaling: { ...UNKNOWN_SCALING, readyReplicas: ready, targetReplicas: target } });
    expect(texts(scaled(2, 2), scaled(3, 3))).toEqual([["replica", "replicas 2 → 3"]]);
    expect(texts(scaled(2, 2), scaled(2, 3))).toEqual([["replica", "target replicas 2 → 3"]]);
    expect(texts(scaled(1, 1), scaled(0, 2))).toEqual([["replica", "ready replicas 1 → 0; target replicas 1 → 2"]]);
    expect(texts(scaled(null, null), scaled(2, 2))).toEqual([]);
  });
});

describe("changesSince", () => {
  it("compares each endpoint with its last known self; a new endpoint has nothing to compare with", () => {
    const other = endpoint({ id: "dbx.other", name: "other", state: "NOT_READY" });
    const changes = changesSince([endpoint()], [endpoint({ state: "NOT_READY" }), other], AT);
    expect(changes).toEqual([{ endpointId: "dbx.kappa", atMs: AT, kind: "state", text: "state READY → NOT_READY" }]);
  });
});
