import { DEMO, expect, test } from "./fixtures";

test.describe("states", () => {
  test("an unknown endpoint shows the designed not-found page", async ({ page }) => {
    await page.goto("/endpoints/nope.nothing");
    await expect(page.getByRole("heading", { name: "No such endpoint" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the fleet" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("a bad `from` shows an inline error and the link can be fixed", async ({ endpointPage, page }) => {
    await endpointPage.goto(DEMO.databricks, "?from=yesterday&to=now");
    const alert = page.getByRole("alert").filter({ hasText: "could not be read" });
    await expect(alert).toContainText('`from` is neither now-<duration> nor epoch milliseconds: "yesterday"');
    await endpointPage.expectDrawn("requests");
    await alert.getByRole("button", { name: "Fix the link" }).click();
    await expect.poll(() => endpointPage.param("from")).toBe("now-6h");
    await expect(alert).toHaveCount(0);
  });

  test("a range with no data says so instead of drawing an empty axis", async ({ endpointPage }) => {
    const to = Date.now() - 60 * 86_400_000;
    await endpointPage.goto(DEMO.databricks, `?from=${to - 3_600_000}&to=${to}`);
    for (const panel of ["requests", "latency"] as const) {
      await expect(endpointPage.panel(panel).locator('[data-state="empty"]')).toContainText("No data in this range");
      await expect(endpointPage.panel(panel).locator(".recharts-surface")).toHaveCount(0);
    }
  });

  test("a panel the platform does not report says so, never zeros", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.databricks, "?view=timeline");
    await expect(endpointPage.panel("replicas").locator('[data-state="not-reported"]')).toContainText(
      "Not reported by Databricks",
    );
    await expect(endpointPage.panel("replica-timeline").locator('[data-state="empty"]')).toBeVisible();
  });

  test("an endpoint without metrics gives its reason in every panel, not a platform gap", async ({ endpointPage }) => {
    await endpointPage.goto("databricks.churn-model");
    for (const panel of ["requests", "latency"] as const) {
      const message = endpointPage.panel(panel).locator('[data-state="not-reported"]');
      await expect(message).toContainText("No metrics for this endpoint");
      await expect(message).toContainText("not ready (state NOT_READY)");
      await expect(message).not.toContainText("Not reported by");
    }
  });
});
