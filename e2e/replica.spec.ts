import { DEMO, expect, test } from "./fixtures";

test.describe("replica selection", () => {
  test("the Replica selector restricts every query to that replica", async ({ endpointPage, page }) => {
    await endpointPage.goto(DEMO.huggingface);
    await endpointPage.expectDrawn("requests");
    const replica = await endpointPage.replica.locator("option").nth(1).getAttribute("value");
    expect(replica).toBeTruthy();
    const request = page.waitForRequest((r) => r.url().includes("/series?") && r.url().includes(`replica=${replica}`));
    await endpointPage.replica.selectOption(replica!);
    await request;
    await expect.poll(() => endpointPage.param("replica")).toBe(replica);
    await endpointPage.replica.selectOption("");
    await expect.poll(() => endpointPage.param("replica")).toBeNull();
  });

  test("clicking a replica's series in a legend drills down to it", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.huggingface, "?view=hardware&details=cpu");
    await endpointPage.expectDrawn("cpu");
    const names = await endpointPage.legendNames("cpu");
    const series = names.at(-1)!;
    await endpointPage.legendEntry("cpu", series).click();
    await expect.poll(() => endpointPage.param("replica")).not.toBeNull();
    await expect(endpointPage.replica).toHaveValue(endpointPage.param("replica")!);
    await endpointPage.expectDrawn("cpu");
  });

  test("clicking a replica in the timeline drills down to it", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.huggingface, "?view=timeline");
    const first = endpointPage.panel("replica-timeline").getByRole("button").first();
    const id = (await first.textContent())!;
    await first.click();
    await expect.poll(() => endpointPage.param("replica")).toBe(id);
    await expect(first).toHaveAttribute("aria-pressed", "true");
  });
});
