import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "./schema";
import { createSeriesRegistry } from "./series-registry";

describe("series registry", () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(":memory:");
    migrate(db);
  });
  afterEach(() => db.close());

  it("gives one id to one label set, sent in any order and in fresh objects", () => {
    const registry = createSeriesRegistry(db);
    const id = registry.idFor("e", "cpu_percent", { replica: "r1", gpu: "0" });
    expect(registry.idFor("e", "cpu_percent", { replica: "r1", gpu: "0" })).toBe(id);
    expect(registry.idFor("e", "cpu_percent", { gpu: "0", replica: "r1" })).toBe(id);
    expect(db.prepare("SELECT COUNT(*) FROM series").pluck().get()).toBe(1);
    // Forgotten ids are found again in the table, not created twice.
    registry.forget();
    expect(registry.idFor("e", "cpu_percent", { gpu: "0", replica: "r1" })).toBe(id);
    expect(db.prepare("SELECT COUNT(*) FROM series").pluck().get()).toBe(1);
  });

  it("tells apart label sets that join to the same text, subsets, other metrics and endpoints", () => {
    const registry = createSeriesRegistry(db);
    const sets: Array<[string, "cpu_percent" | "memory_percent", Record<string, string>]> = [
      ["e", "cpu_percent", { a: "x", b: "" }],
      ["e", "cpu_percent", { a: "", b: "x" }],
      ["e", "cpu_percent", { a: "xb" }],
      ["e", "cpu_percent", { a: "x" }],
      ["e", "cpu_percent", {}],
      ["e", "memory_percent", { a: "x" }],
      ["f", "cpu_percent", { a: "x" }],
    ];
    const ids = sets.map(([endpoint, metric, labels]) => registry.idFor(endpoint, metric, labels));
    expect(new Set(ids).size).toBe(sets.length);
    expect(sets.map(([endpoint, metric, labels]) => registry.idFor(endpoint, metric, { ...labels }))).toEqual(ids);
  });

  it("keeps 140,000 label sets apart, two pairs of them with the same 32-bit hash", () => {
    const registry = createSeriesRegistry(db);
    const labels = (i: number) => ({ replica: `r${i % 97}`, path: `/v${i}` });
    const idsOf = db.transaction(() =>
      Array.from({ length: 140_000 }, (_, i) => registry.idFor("e", "requests_total", labels(i))),
    );
    const ids = idsOf();
    expect(new Set(ids).size).toBe(ids.length);
    expect(idsOf()).toEqual(ids);
  });
});
