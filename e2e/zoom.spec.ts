import { DEMO, expect, test } from "./fixtures";

test.describe("zoom", () => {
  test("dragging across a chart zooms every chart to that range at a finer step", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.databricks, "?from=now-24h&to=now");
    await endpointPage.expectDrawn("requests", "latency", "concurrency");
    const stepOf = async () => Number(await endpointPage.panel("latency").getAttribute("data-step-ms"));
    const stepBefore = await stepOf();
    await endpointPage.drag("latency", 0.4, 0.6);

    await expect.poll(() => endpointPage.param("to")).toMatch(/^\d+$/);
    const from = Number(endpointPage.param("from"));
    const to = Number(endpointPage.param("to"));
    expect(to - from).toBeGreaterThan(3 * 3_600_000);
    expect(to - from).toBeLessThan(6 * 3_600_000);
    await expect.poll(stepOf).toBeLessThan(stepBefore);
    const stepAfter = await stepOf();
    await endpointPage.expectDrawn("requests", "latency", "concurrency");
    // Every chart shows the zoomed range, aligned outwards to the new step.
    const covers = (d: { from: number; to: number }) =>
      d.from <= from && d.from > from - stepAfter && d.to >= to && d.to < to + stepAfter;
    await expect.poll(async () => (await endpointPage.domains()).map(covers)).toEqual([true, true, true]);
  });

  test("zoom out widens twice around the centre; a double-click does the same", async ({ endpointPage }) => {
    const to = Date.now() - 3 * 3_600_000;
    const from = to - 3_600_000;
    await endpointPage.goto(DEMO.databricks, `?from=${from}&to=${to}`);
    await endpointPage.expectDrawn("latency");
    await endpointPage.zoomOut.click();
    await expect.poll(() => Number(endpointPage.param("from"))).toBe(from - 1_800_000);
    expect(Number(endpointPage.param("to"))).toBe(to + 1_800_000);
    // The URL changes a moment before the charts re-render with the wider domain.
    // Every chart (not just the first) must have re-rendered with the wider range before the double-click.
    await expect
      .poll(async () => Math.max(...(await endpointPage.domains()).map((d) => d.from)))
      .toBeLessThanOrEqual(from - 1_800_000);
    await endpointPage.expectDrawn("latency");
    await endpointPage.chart("latency").dblclick();
    await expect.poll(() => Number(endpointPage.param("from"))).toBe(from - 3_600_000 - 1_800_000);
  });

  test("steps back by half a window", async ({ endpointPage }) => {
    const to = Date.now() - 3 * 3_600_000;
    const from = to - 3_600_000;
    await endpointPage.goto(DEMO.databricks, `?from=${from}&to=${to}`);
    await endpointPage.stepBack.click();
    await expect.poll(() => Number(endpointPage.param("to"))).toBe(to - 1_800_000);
    expect(Number(endpointPage.param("from"))).toBe(from - 1_800_000);
  });

  test("a preset replaces a zoomed range with a relative one", async ({ endpointPage, page }) => {
    await endpointPage.goto(DEMO.databricks, `?from=${Date.now() - 7_200_000}&to=${Date.now() - 3_600_000}`);
    await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "1h" }).click();
    await expect.poll(() => endpointPage.param("from")).toBe("now-1h");
    await expect(page.getByTestId("range-label")).toHaveText("Last 1 hour");
  });
});
