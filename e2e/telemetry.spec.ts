import { DEMO, expect, test } from "./fixtures";

test.describe("telemetry: logs, change markers, usage", () => {
  test("zooming into the incident narrows its ERROR logs; a change marker tells the config change; a log row marks every chart", async ({
    endpointPage,
    page,
  }) => {
    await endpointPage.goto(DEMO.incident, "?from=now-1h");
    await endpointPage.expectDrawn("requests", "latency");
    const change = endpointPage.markers("requests", "config").first();
    await expect(change).toBeAttached();
    const changeMs = Number(await change.getAttribute("data-at"));
    const [domain] = await endpointPage.domains();
    const fraction = (changeMs - domain!.from) / (domain!.to - domain!.from);
    await endpointPage.drag("requests", Math.max(0.02, fraction - 0.3), Math.min(0.99, fraction + 0.2));

    await expect.poll(() => endpointPage.param("to")).toMatch(/^\d+$/);
    const from = Number(endpointPage.param("from"));
    const to = Number(endpointPage.param("to"));
    expect(from).toBeLessThan(changeMs);
    expect(to).toBeGreaterThan(changeMs);
    await endpointPage.expectDrawn("requests", "latency");
    for (const panel of ["requests", "latency"] as const) {
      await expect(endpointPage.markers(panel, "config")).toHaveAttribute("data-at", String(changeMs));
    }

    // The marker says what changed on focus (keyboard) as on hover.
    await endpointPage.markers("latency", "config").getByRole("button").focus();
    const tooltip = endpointPage.markers("latency", "config").getByRole("tooltip");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(/config \d+ → \d+: prod\.recsys\.user_features_spec \d+ → \d+/);

    // The logs of the zoomed window: ERROR and up by default, newest first, inside the range.
    const rows = endpointPage.logRows();
    await expect(rows.first()).toContainText("TimeoutError");
    await expect(endpointPage.logs.getByTestId("logs-source")).toContainText("recsys_features_otel_logs");
    const readRows = () =>
      rows.evaluateAll((elements) =>
        elements.map((element) => ({
          at: Number(element.getAttribute("data-time")),
          severity: element.getAttribute("data-severity"),
        })),
      );
    // The panel refetches for the zoomed window a moment after the charts: read it until it has.
    await expect
      .poll(async () => {
        const list = await readRows();
        return list.length > 10 && list.every((row) => row.at >= from && row.at <= to);
      })
      .toBe(true);
    const shown = await readRows();
    for (const row of shown) {
      expect(["ERROR", "FATAL"]).toContain(row.severity);
      expect(row.at).toBeGreaterThanOrEqual(from);
      expect(row.at).toBeLessThanOrEqual(to);
    }
    expect(shown.map((row) => row.at)).toEqual([...shown.map((row) => row.at)].sort((a, b) => b - a));

    // Picking a row marks its time on every chart, in the URL, so a shared link keeps it.
    const picked = shown[3]!.at;
    await rows.nth(3).click();
    await expect.poll(() => endpointPage.param("mark")).toBe(String(picked));
    for (const panel of ["requests", "latency"] as const) {
      await expect(endpointPage.markers(panel, "log")).toHaveAttribute("data-at", String(picked));
    }
    await page.reload();
    await endpointPage.expectDrawn("requests");
    await expect(endpointPage.markers("requests", "log")).toHaveAttribute("data-at", String(picked));
    await expect(rows.nth(3).getByRole("button", { pressed: true })).toBeVisible();
  });

  test("a week of autoscaling: nearby changes share a handle that counts them, apart from the next", async ({
    endpointPage,
  }) => {
    await endpointPage.goto(DEMO.huggingface, "?from=now-7d");
    await endpointPage.expectDrawn("requests");
    const groups = endpointPage.markers("requests", "group");
    await expect(groups.first()).toBeAttached();
    const handles = await groups.evaluateAll((elements) =>
      elements.map((element) => ({
        count: Number(element.getAttribute("data-count")),
        x: element.querySelector("button")!.getBoundingClientRect().x,
      })),
    );
    expect(handles.length).toBeGreaterThan(5);
    expect(handles.every(({ count }) => count >= 2)).toBe(true);
    handles.slice(1).forEach(({ x }, i) => expect(x - handles[i]!.x).toBeGreaterThanOrEqual(19.5));
    expect(await endpointPage.markers("requests", "replica").count()).toBeLessThan(handles.length);

    const first = groups.first();
    await first.getByRole("button").focus();
    await expect(first.getByRole("tooltip")).toBeVisible();
    await expect(first.getByRole("tooltip")).toContainText(`${handles[0]!.count} changes`);
    await expect(first.getByRole("tooltip").getByRole("listitem").first()).toHaveText(
      /^\d\d-\d\d \d\d:\d\d replicas \d+ → \d+$/,
    );
  });

  test("the level filter, the search and 'load more' change the rows", async ({ endpointPage }) => {
    // A fixed range: an auto refresh of a relative one would start the pages again.
    const now = Date.now();
    await endpointPage.goto(DEMO.incident, `?from=${now - 3_600_000}&to=${now}`);
    const rows = endpointPage.logRows();
    await expect(rows.first()).toBeVisible();
    await endpointPage.logs
      .getByRole("group", { name: "Lowest level shown" })
      .getByRole("button", { name: "Info" })
      .click();
    // Typed at once, as a person does: the debounced search must keep the level just picked.
    await endpointPage.logs.getByRole("searchbox", { name: "Search log messages" }).fill("error_rate=");
    await expect.poll(() => endpointPage.param("q")).toBe("error_rate=");
    expect(endpointPage.param("severity")).toBe("INFO");
    await expect(rows.first()).toHaveAttribute("data-severity", "INFO");
    const bodies = await rows.evaluateAll((elements) => elements.map((element) => element.textContent ?? ""));
    for (const body of bodies) expect(body).toContain("error_rate=");
    expect(bodies.length).toBeLessThanOrEqual(61);

    await endpointPage.logs.getByRole("searchbox", { name: "Search log messages" }).fill("");
    await expect.poll(() => endpointPage.param("q")).toBeNull();
    await expect(rows).toHaveCount(100);
    await endpointPage.logs.getByRole("button", { name: "Load 100 older rows" }).click();
    await expect(rows).toHaveCount(200);
  });

  test("an endpoint without a logs source says what to configure", async ({ endpointPage }) => {
    await endpointPage.goto("databricks.openai-proxy");
    const message = endpointPage.logs.locator('[data-state="not-reported"]');
    await expect(message).toContainText("No logs source for this endpoint");
    await expect(message).toContainText("enable endpoint telemetry");
  });

  test("a pay-per-token endpoint charts its requests and tokens from the usage table, and says so", async ({
    endpointPage,
  }) => {
    await endpointPage.goto(DEMO.payPerToken, "?from=now-6h");
    await endpointPage.expectDrawn("requests");
    await expect(endpointPage.panel("requests").getByTestId("data-source")).toContainText(
      "From system.serving.endpoint_usage",
    );
    await endpointPage.view("LLM").click();
    await endpointPage.expectDrawn("tokens");
    expect(await endpointPage.legendNames("tokens")).toEqual(["prompt", "generation"]);
    await expect(endpointPage.panel("tokens").getByTestId("data-source")).toContainText("lag");
  });
});
