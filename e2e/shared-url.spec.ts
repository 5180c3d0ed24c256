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
  await endpointPage.legendEntry("memory", "avg").click();
  await expect.poll(() => endpointPage.param("solo")).toBe("memory:avg");
  await endpointPage.expectDrawn("cpu", "memory", "gpu", "vram");
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
