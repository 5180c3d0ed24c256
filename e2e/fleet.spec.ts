import { EndpointListSchema } from "@/lib/api/schemas";
import { expect, test } from "./fixtures";

test.describe("fleet", () => {
  test("lists every endpoint, with the reason where there are no metrics", async ({ fleetPage }) => {
    await fleetPage.goto();
    await expect(fleetPage.rows).toHaveCount(17);
    // A pay-per-token endpoint has no metrics, but its request rate from the usage table.
    const payPerToken = fleetPage.row("databricks-meta-llama-3-3-70b-instruct");
    await expect(payPerToken.getByTitle(/system\.serving\.endpoint_usage/)).toContainText(/req\/s\s*usage/);
    await expect(fleetPage.row("churn-model").getByTestId("no-metrics-reason")).toContainText("not ready");
    const healthy = fleetPage.row("fraud-scorer");
    await expect(healthy.getByText("req/s")).toBeVisible();
    const sparkline = healthy.getByRole("img", { name: /request rate/i });
    await expect(sparkline).toBeVisible();
    // A line across the hour: minutes of traffic, not a dot or a gap.
    await expect(sparkline.locator("path")).toHaveAttribute("d", /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){10,}/);
  });

  test("puts unhealthy endpoints first by default", async ({ fleetPage }) => {
    await fleetPage.goto();
    for (const unhealthy of ["recsys-features", "churn-model", "whisper-batch"]) {
      await expect
        .poll(async () => {
          const names = await fleetPage.names();
          return names.indexOf(unhealthy) < names.indexOf("fraud-scorer");
        }, unhealthy)
        .toBe(true);
    }
    await expect(fleetPage.page.getByRole("button", { name: "Unhealthy first" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  test("sorts by a column, both ways", async ({ fleetPage }) => {
    await fleetPage.goto();
    await expect(fleetPage.rows).toHaveCount(17);
    const ascending = (await fleetPage.names()).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    // Each click re-renders the table a moment later: read it until it shows the new order.
    await fleetPage.sortBy("Endpoint");
    await expect.poll(() => fleetPage.names()).toEqual(ascending);
    await fleetPage.sortBy("Endpoint");
    await expect.poll(() => fleetPage.names()).toEqual([...ascending].reverse());
    await expect(fleetPage.page).toHaveURL(/[?&]dir=desc(&|$)/);
  });

  test("filters by provider, state and text, and keeps the filter in the URL", async ({ fleetPage, page }) => {
    await fleetPage.goto();
    await fleetPage.provider.selectOption("huggingface");
    await expect(fleetPage.rows).toHaveCount(7);
    await expect(fleetPage.rows.getByTitle("Databricks")).toHaveCount(0);
    await expect(fleetPage.rows.getByTitle("OpenMetrics")).toHaveCount(0);
    // The self-hosted servers: the two-replica vLLM and the TGI.
    await fleetPage.provider.selectOption("openmetrics");
    await expect.poll(() => fleetPage.names()).toEqual(expect.arrayContaining(["vllm-chat", "tgi-summarize"]));
    await expect(fleetPage.rows).toHaveCount(2);
    await fleetPage.provider.selectOption("databricks");
    await expect(fleetPage.rows).toHaveCount(8);
    await expect(fleetPage.rows.getByTitle("OpenMetrics")).toHaveCount(0);
    await fleetPage.provider.selectOption("huggingface");
    // How many are running depends on the hour (one endpoint scales to zero and back): ask the API.
    const { endpoints } = EndpointListSchema.parse(await (await page.request.get("/api/endpoints")).json());
    const running = endpoints.filter((e) => e.provider === "huggingface" && e.state === "running").length;
    await fleetPage.state.selectOption("running");
    await expect(fleetPage.rows).toHaveCount(running);
    await fleetPage.provider.selectOption("");
    await fleetPage.state.selectOption("");
    await fleetPage.search.fill("fraud");
    await expect(fleetPage.rows).toHaveCount(1);
    await page.reload();
    await expect(fleetPage.rows).toHaveCount(1);
    await expect(fleetPage.search).toHaveValue("fraud");
  });

  test("comes with its rows in the page's HTML, and asks the API only to refresh them", async ({ fleetPage, page }) => {
    const asked: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/endpoints") asked.push(request.url());
    });
    const html = await (await page.request.get("/")).text();
    expect(html).toContain('data-endpoint-id="databricks.fraud-scorer"');
    await fleetPage.goto();
    await expect(fleetPage.rows).toHaveCount(17);
    // The rows were rendered on the server; the browser hydrated them without asking again.
    expect(asked).toEqual([]);
    await fleetPage.row("fraud-scorer").getByRole("link", { name: "fraud-scorer" }).click();
    await expect(page.getByRole("heading", { name: "fraud-scorer" })).toBeVisible();
    await page.getByRole("link", { name: "Fleet" }).first().click();
    await expect(fleetPage.rows).toHaveCount(17);
  });

  test("draws only the rows in view, and the others as the page scrolls", async ({ fleetPage, page }) => {
    await page.setViewportSize({ width: 1440, height: 300 });
    await fleetPage.goto();
    await expect(fleetPage.table).toHaveAttribute("aria-rowcount", "18");
    // The server draws the rows of a tall window; the browser then keeps those of its own.
    await expect.poll(() => fleetPage.rows.count()).toBeLessThan(17);
    await expect(fleetPage.rows.first()).toHaveAttribute("aria-rowindex", "2");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(fleetPage.rows.last()).toHaveAttribute("aria-rowindex", "18");
  });

  test("links each row to its endpoint page, in the app; a ctrl-click opens it in a new tab", async ({
    fleetPage,
    page,
    context,
  }) => {
    await fleetPage.goto();
    const link = fleetPage.row("fraud-scorer").getByRole("link", { name: "fraud-scorer" });
    const opened = context.waitForEvent("page");
    await link.click({ modifiers: ["ControlOrMeta"] });
    await expect(await opened).toHaveURL(/\/endpoints\/databricks\.fraud-scorer$/);
    await expect(page).toHaveURL(/\/$/);
    // A plain click navigates within the app: this page's script state survives it.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await link.click();
    await expect(page).toHaveURL(/\/endpoints\/databricks\.fraud-scorer$/);
    await expect(page.getByRole("heading", { name: "fraud-scorer" })).toBeVisible();
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
  });
});
