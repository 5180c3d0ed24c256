import { DEMO, expect, test } from "./fixtures";
import { EndpointPage } from "./pages/endpoint-page";

test("a copied URL reproduces the view", async ({ endpointPage, page, context }) => {
  await endpointPage.goto(DEMO.huggingface, "?from=now-24h&to=now");
  await endpointPage.view("Hardware").click();
  await endpointPage.expectDrawn("gpu");
  await endpointPage.panel("gpu").getByRole("button", { name: "Per replica" }).click();
  await endpointPage.expectDrawn("gpu");
  await endpointPage.drag("memory", 0.5, 0.8);
  await expect.poll(() => endpointPage.param("to")).toMatch(/^\d+$/);
  const zoomed = { from: endpointPage.param("from"), to: endpointPage.param("to") };
  await endpointPage.legendEntry("memory", "avg").click();
  await expect.poll(() => endpointPage.param("solo")).toBe("memory:avg");
  // The legend click changed the view over the zoomed URL, not over the one its render saw.
  expect({ from: endpointPage.param("from"), to: endpointPage.param("to") }).toEqual(zoomed);
  await endpointPage.expectDrawn("cpu", "memory", "gpu", "vram");
  // Every chart redrawn on the zoomed range (a step wide at most around it) before its domain is copied.
  const [from, to] = [Number(zoomed.from), Number(zoomed.to)];
  const onZoom = (d: { from: number; to: number }) => d.from <= from && d.to >= to && d.to - d.from < 2 * (to - from);
  await expect.poll(async () => (await endpointPage.domains()).map(onZoom)).toEqual([true, true, true, true]);
  const domains = await endpointPage.domains();

  const copy = await context.newPage();
  await copy.goto(page.url());
  const copied = new EndpointPage(copy);
  await expect(copied.view("Hardware")).toHaveAttribute("aria-selected", "true");
  await expect(copied.panel("gpu").getByRole("button", { name: "Per replica" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(copied.legendEntry("memory", "avg")).toHaveAttribute("aria-pressed", "true");
  await copied.expectDrawn("cpu", "memory", "gpu", "vram");
  await expect.poll(() => copied.domains()).toEqual(domains);
  await copy.close();
});
