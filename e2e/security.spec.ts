import { DEMO, expect, test } from "./fixtures";

/** The shapes of the demo's upstream tokens (random per start): Databricks `dapi…`, Hugging Face `hf_…`. */
const TOKEN_SHAPES = [/dapi[0-9a-f]{32}/, /hf_[A-Za-z0-9_-]{20,}/];

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
