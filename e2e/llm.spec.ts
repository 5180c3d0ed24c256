import { DEMO, expect, test } from "./fixtures";

test.describe("LLM view", () => {
  test("draws every LLM chart of the demo vLLM, and names the server it found", async ({ endpointPage, page }) => {
    await endpointPage.goto(DEMO.vllm, "?view=llm");
    await expect(page.getByRole("heading", { name: "vllm-chat" })).toBeVisible();
    await expect(page.getByText("vLLM (V1 engine)").first()).toBeVisible();
    await expect(endpointPage.view("LLM")).toHaveAttribute("aria-selected", "true");
    await endpointPage.expectDrawn("ttft", "itl", "tokens", "pending", "kv_cache", "prefix_cache");
    await expect.poll(() => endpointPage.legendNames("tokens")).toEqual(["prompt", "generation"]);
    await expect.poll(() => endpointPage.legendNames("pending")).toEqual(["waiting", "running"]);
    await expect.poll(() => endpointPage.legendNames("ttft")).toEqual(["p50", "p90", "p95", "p99"]);
  });

  test("KV cache per replica, and a replica's legend entry drills down to it", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.vllm, "?view=llm");
    await endpointPage.expectDrawn("kv_cache");
    await endpointPage.panel("kv_cache").getByRole("button", { name: "Per replica" }).click();
    await expect.poll(() => endpointPage.param("details")).toBe("kv_cache");
    await expect.poll(async () => (await endpointPage.legendNames("kv_cache")).length).toBe(2);
    const [, second] = await endpointPage.legendNames("kv_cache");
    await endpointPage.legendEntry("kv_cache", second!).click();
    await expect.poll(() => endpointPage.param("replica")).toBe(second);
    await expect(endpointPage.replica).toHaveValue(second!);
    await endpointPage.expectDrawn("ttft", "tokens", "kv_cache");
  });

  test("TGI says it exports no time to first token, and draws the rest", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.tgi, "?view=llm");
    await endpointPage.expectDrawn("itl", "tokens", "pending");
    await expect(endpointPage.panel("ttft").locator('[data-state="not-reported"]')).toContainText(
      "TGI does not export time to first token",
    );
  });

  test("the GPU charts of a self-hosted endpoint come from each replica's DCGM exporter", async ({ endpointPage }) => {
    await endpointPage.goto(DEMO.vllm, "?view=hardware&details=gpu");
    await endpointPage.expectDrawn("gpu", "vram");
    await expect.poll(async () => (await endpointPage.legendNames("gpu")).length).toBeGreaterThanOrEqual(2);
  });
});
