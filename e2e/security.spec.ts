import { DEMO, expect, test } from "./fixtures";

/** The shapes of the demo's upstream tokens (random per start): Databricks `dapi…`, Hugging Face `hf_…`, self-hosted `om_…`. */
const TOKEN_SHAPES = [/dapi[0-9a-f]{32}/, /hf_[A-Za-z0-9_-]{20,}/, /om_[A-Za-z0-9_-]{20,}/];

test("no page, script or API answer the browser receives carries an upstream token", async ({ page }) => {
  const bodies: { url: string; text: string }[] = [];
  page.on("response", (response) => {
    bodies.push({ url: response.url(), text: "" });
    const entry = bodies.at(-1)!;
    void response.text().then(
      (text) => (entry.text = text),
      () => undefined,
    );
  });
  const paths = ["/", `/endpoints/${DEMO.databricks}`, `/endpoints/${DEMO.huggingface}?view=hardware`, "/integrations"];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const read = bodies.filter((b) => b.text.length > 0);
  expect(read.some((b) => b.url.includes("/api/endpoints"))).toBe(true);
  expect(read.some((b) => b.url.includes("/integrations"))).toBe(true);
  for (const { url, text } of read) {
    for (const shape of TOKEN_SHAPES) expect(text, `${url} matches ${shape}`).not.toMatch(shape);
  }
});

test("every page is served under a nonce-based CSP, and hydrates under it", async ({ page, fleetPage }) => {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      void (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  for (const path of ["/", `/endpoints/${DEMO.databricks}`, "/integrations", "/login"]) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${path}: a script nonce`).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin" });
    const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((node) => node.nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((value) => value === nonce)).toBe(true);
  }
  // Hydrated: the page object waits for React to own the server-rendered rows.
  await fleetPage.goto();
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  expect(violations).toEqual([]);
});

test("bad requests answer 4xx with a reason, and a foreign Host is refused without a token", async ({ request }) => {
  const trace = await request.fetch("/", { method: "TRACE" });
  expect(trace.status()).toBe(405);
  expect(trace.headers()["x-content-type-options"]).toBe("nosniff");
  for (const path of ["/api/endpoints/%", "/api/endpoints/%E2%82"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_path", message: expect.any(String) } });
  }
  expect((await request.get("/endpoints/%zz")).status()).toBe(400);
  expect((await request.get("/_next/image?url=/&w=64&q=75")).status()).toBe(404);
  const rebound = await request.get("/api/endpoints", { headers: { host: "attacker.example" } });
  expect(rebound.status()).toBe(403);
  expect((await rebound.json()).error.code).toBe("loopback_only");
  const api = await request.get("/api/endpoints");
  expect(api.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
});
