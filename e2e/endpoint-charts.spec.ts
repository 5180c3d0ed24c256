import { DEMO, expect, test } from "./fixtures";

test.describe("endpoint charts", () => {
  test("draws every Requests chart, the % per status class and 'not reported' for pending", async ({
    endpointPage,
  }) => {
    await endpointPage.goto(DEMO.databricks);
    await endpointPage.expectDrawn("requests", "latency", "concurrency");
    const shares = endpointPage.panel("requests").getByRole("list", { name: "Share of requests per status class" });
    await expect(shares.locator('[data-status-class="2xx"]')).toContainText("%");
    await expect(endpointPage.panel("pending").locator('[data-state="not-reported"]')).toContainText(
      "Not reported by Databricks",
    );
    // The p50–p99 spread is an area behind the latency lines.
    await expect(endpointPage.chart("latency").locator("[data-series-band]")).toHaveCount(1);
    await expect(endpointPage.chart("latency")).toHaveAttribute("aria-label", /Latency\. Latest: p50 .*ms/);
  });

  test("draws every Hardware chart and toggles one to per replica", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.huggingface, "?view=hardware");
    await endpointPage.expectDrawn("cpu", "memory", "gpu", "vram");
    await expect.poll(() => endpointPage.legendNames("cpu")).toEqual(["avg"]);
    await endpointPage.panel("cpu").getByRole("button", { name: "Per replica" }).click();
    await expect.poll(() => endpointPage.param("details")).toBe("cpu");
    await expect.poll(async () => (await endpointPage.legendNames("cpu")).includes("avg")).toBe(false);
    await endpointPage.expectDrawn("cpu");
  });

  test("draws running replicas with the max line, and the replica timeline", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.huggingface, "?view=timeline");
    await endpointPage.expectDrawn("replicas");
    await expect(endpointPage.chart("replicas").locator(".recharts-reference-line")).toHaveCount(1);
    const timeline = endpointPage.panel("replica-timeline");
    await expect(timeline.getByRole("button").first()).toBeVisible();
    await expect(timeline.getByRole("list", { name: "Replica states" })).toContainText("running");
  });

  test("toggles requests to status codes", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.huggingface);
    await endpointPage.expectDrawn("requests");
    await endpointPage.panel("requests").getByRole("button", { name: "Codes" }).click();
    await expect.poll(() => endpointPage.param("by")).toBe("code");
    await expect
      .poll(async () => (await endpointPage.legendNames("requests")).every((n) => /^\d{3}$/.test(n)))
      .toBe(true);
  });

  test("isolates a series from the legend and restores it", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.databricks);
    await endpointPage.expectDrawn("latency");
    await expect(endpointPage.chart("latency").locator("[data-series-line]")).toHaveCount(4);
    await endpointPage.legendEntry("latency", "p99").click();
    await expect.poll(() => endpointPage.page.url()).toContain("solo=latency%3Ap99");
    await expect(endpointPage.chart("latency").locator("[data-series-line]")).toHaveCount(1);
    await expect(endpointPage.legendEntry("latency", "p99")).toHaveAttribute("aria-pressed", "true");
    await endpointPage.legendEntry("latency", "p99").click();
    await expect(endpointPage.chart("latency").locator("[data-series-line]")).toHaveCount(4);
    expect(endpointPage.param("solo")).toBeNull();
  });

  test("the pointer over a chart shows every series' value at its time, and marks that time on every chart", async ({
    endpointPage,
  }) => {
    await endpointPage.goto(DEMO.databricks);
    await endpointPage.expectDrawn("requests", "latency");
    await endpointPage.hover("latency", 0.5);
    const tooltip = endpointPage.chart("latency").locator("[data-chart-tooltip]");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    for (const name of ["p50", "p90", "p95", "p99"])
      await expect(tooltip).toContainText(new RegExp(`${name}[\\d.]+ m?s`));
    await expect(endpointPage.chart("latency").locator("[data-active-dots] circle")).toHaveCount(4);
    // The requests chart follows the same time: a dot on each of its three class lines.
    await expect(endpointPage.chart("requests").locator("[data-active-dots] circle")).toHaveCount(3);
    await endpointPage.page.mouse.move(0, 0);
    await expect(tooltip).toHaveCount(0);
  });

  test("exports a chart as CSV", async ({ endpointPage, page }) => {
    await endpointPage.goto(DEMO.databricks);
    await endpointPage.expectDrawn("latency");
    const download = page.waitForEvent("download");
    await endpointPage.panel("latency").getByRole("button", { name: "Export Latency as CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^databricks\.fraud-scorer-latency-\d+-\d+\.csv$/);
  });
});
