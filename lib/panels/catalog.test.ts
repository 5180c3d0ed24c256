import { describe, expect, it } from "vitest";
import {
  GroupBySchema,
  offeredViews,
  PANEL_CATALOG,
  PANEL_IDS,
  panelMeta,
  panelsOfView,
  PanelSchema,
  VIEWS,
} from "./catalog";
import { PALETTE, STATUS_CLASS_COLORS } from "./palette";
import { statusClassOf } from "./status-class";

describe("the panel catalog", () => {
  it("is the API's panel enum", () => {
    expect(PanelSchema.options).toEqual(Object.keys(PANEL_CATALOG));
  });

  it("gives every panel a unit, a view that exists and groupings of the API's vocabulary", () => {
    for (const id of PANEL_IDS) {
      const meta = panelMeta(id);
      expect(meta.unit, id).not.toBe("");
      expect(meta.views.length, id).toBeGreaterThan(0);
      for (const view of meta.views) expect(Object.keys(VIEWS), id).toContain(view);
      for (const { value } of meta.groupings) expect(GroupBySchema.options, id).toContain(value);
    }
  });

  it("lists a view's panels in catalog order, leaving out those the provider never reports", () => {
    expect(panelsOfView("hardware", "huggingface")).toEqual(["cpu", "memory", "gpu", "vram"]);
    expect(panelsOfView("requests", "huggingface")).not.toContain("concurrency");
    expect(panelsOfView("requests", "databricks")).toContain("concurrency");
    expect(panelsOfView("llm", "openmetrics")).toEqual([
      "ttft",
      "itl",
      "tokens",
      "pending",
      "kv_cache",
      "prefix_cache",
    ]);
  });

  it("offers the LLM view only to endpoints reporting a panel no other view shows", () => {
    const always = ["requests", "hardware", "timeline"];
    expect(offeredViews(() => false)).toEqual(always);
    // Pending requests are in the Requests view too: Hugging Face's gauge is no reason for an LLM view.
    expect(offeredViews((panel) => panel === "pending")).toEqual(always);
    expect(offeredViews((panel) => panel === "kv_cache")).toEqual([...always, "llm"]);
  });
});

describe("series colours", () => {
  const color = (panel: keyof typeof PANEL_CATALOG, name: string) => panelMeta(panel).colorOf(name);

  it("colours status classes green, blue, amber and red, and 'other' grey", () => {
    expect(color("requests", "2xx")).toBe("#16a34a");
    expect(color("requests", "3xx")).toBe("#2563eb");
    expect(color("requests", "4xx")).toBe("#d97706");
    expect(color("requests", "5xx")).toBe("#dc2626");
    expect(color("requests", "other")).toBe(STATUS_CLASS_COLORS.other);
  });

  it("gives each code a shade of its class, the same every time", () => {
    expect(color("requests", "500")).toBe(STATUS_CLASS_COLORS["5xx"]);
    expect(color("requests", "503")).toBe(color("requests", "503"));
    expect(color("requests", "503")).not.toBe(color("requests", "502"));
  });

  it("gives replicas stable palette colours independent of panel and order", () => {
    const replica = color("cpu", "replica-7f9c");
    expect(PALETTE).toContain(replica);
    expect(color("memory", "replica-7f9c")).toBe(replica);
  });

  it("names quantiles and limits in fixed colours", () => {
    expect(color("latency", "p99")).toBe("#f43f5e");
    expect(color("replicas", "max")).toBe("#dc2626");
  });
});

describe("statusClassOf", () => {
  it.each([
    ["503", "5xx"],
    ["200", "2xx"],
    ["2xx", "2xx"],
    ["600", "other"],
    ["5033", "other"],
    ["", "other"],
    ["unknown", "other"],
  ])("%s → %s", (code, expected) => {
    expect(statusClassOf(code)).toBe(expected);
  });
});
