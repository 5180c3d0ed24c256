// npm run screenshots — every page and state of a running dashboard as PNG files, to look at after a UI
// change. BASE_URL (default http://127.0.0.1:3000, e.g. `npm run demo`); OUT (default test-results/screenshots).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";
import { EndpointDetailSchema, EndpointListSchema, EventsResponseSchema, LogsResponseSchema } from "../lib/api/schemas";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const OUT = process.env.OUT ?? "test-results/screenshots";

/** Waits until no skeleton or refetch overlay is left, so the picture shows what a person would settle on. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page
    .waitForFunction(
      () => !document.querySelector('[data-state="loading"], [data-refetching], [data-testid="header-skeleton"]'),
      null,
      {
        timeout: 15_000,
      },
    )
    .catch(() => console.error(`  still loading after 15 s: ${page.url()}`));
}

const VIEWPORT = { width: 1440, height: 900 };

/**
 * Grows the viewport to the page's height and waits until every chart has re-measured: a full-page
 * capture resizes the viewport mid-shot, and catches charts drawn at a stale width (shrunk text).
 */
async function fitToPage(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, height) });
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll("svg.recharts-surface")].every(
          (svg) => Math.abs(Number(svg.getAttribute("width")) - (svg.parentElement?.clientWidth ?? 0)) < 1,
        ),
      null,
      { timeout: 5_000 },
    )
    .catch(() => console.error(`  charts still resizing: ${page.url()}`));
}

/**
 * The Databricks telemetry views: the incident endpoint's logs under its charts, zoomed into the
 * latest incident (its config change marked, a log row picked), a search, service logs, an endpoint
 * without a logs source, and a pay-per-token endpoint's usage panels.
 */
async function telemetryShots(ids: string[], now: number): Promise<[string, string][]> {
  const shots: [string, string][] = [];
  const incident = "databricks.recsys-features";
  const usage = "databricks.databricks-meta-llama-3-3-70b-instruct";
  if (ids.includes(incident)) {
    const events = EventsResponseSchema.parse(
      await fetch(`${BASE_URL}/api/endpoints/${incident}/events?from=${now - 86_400_000}&to=${now}`).then((r) =>
        r.json(),
      ),
    );
    const change = events.events.filter((event) => event.kind === "config").at(-1);
    shots.push(["logs", `/endpoints/${incident}?from=now-1h`]);
    if (change) {
      const [from, to] = [change.atMs - 15 * 60_000, Math.min(now, change.atMs + 20 * 60_000)];
      const logs = LogsResponseSchema.parse(
        await fetch(`${BASE_URL}/api/endpoints/${incident}/logs?from=${from}&to=${to}&limit=1`).then((r) => r.json()),
      );
      const mark = logs.logs[0] ? `&mark=${logs.logs[0].timeMs}` : "";
      shots.push(
        ["incident-zoomed", `/endpoints/${incident}?from=${from}&to=${to}${mark}`],
        ["incident-marker-focused", `/endpoints/${incident}?from=${from}&to=${to}`],
      );
    }
    shots.push(["logs-search", `/endpoints/${incident}?from=now-1h&severity=WARN&q=feature%20store`]);
  }
  if (ids.includes("databricks.fraud-scorer"))
    shots.push(["logs-service", "/endpoints/databricks.fraud-scorer?from=now-1h&severity=INFO"]);
  if (ids.includes("databricks.openai-proxy"))
    shots.push(["logs-not-configured", "/endpoints/databricks.openai-proxy"]);
  if (ids.includes(usage))
    shots.push(
      ["usage-requests", `/endpoints/${usage}?from=now-24h`],
      ["usage-llm", `/endpoints/${usage}?view=llm&from=now-24h`],
    );
  return shots;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { endpoints } = EndpointListSchema.parse(await fetch(`${BASE_URL}/api/endpoints`).then((r) => r.json()));
  const withMetrics = (provider: string) => endpoints.find((e) => e.provider === provider && e.metrics.available)?.id;
  const hf = withMetrics("huggingface");
  const dbx = withMetrics("databricks");
  const noMetrics = endpoints.find((e) => !e.metrics.available)?.id;
  const detailOf = async (id: string) =>
    EndpointDetailSchema.parse(await fetch(`${BASE_URL}/api/endpoints/${id}`).then((r) => r.json()));
  const detail = hf ? await detailOf(hf) : null;
  // Self-hosted servers offered the LLM view (vLLM, TGI…), each shot under its own name.
  const llm: string[] = [];
  for (const e of endpoints.filter((e) => e.provider === "openmetrics" && e.metrics.available)) {
    if ((await detailOf(e.id)).views.includes("llm")) llm.push(e.id);
  }
  const replica = detail?.replicas.find((r) => r.state !== "gone")?.id;
  const now = Date.now();

  const shots: [name: string, path: string][] = [
    ["fleet", "/"],
    ["integrations", "/integrations"],
  ];
  if (hf) {
    shots.push(
      ["hf-requests", `/endpoints/${hf}`],
      ["hf-requests-by-code", `/endpoints/${hf}?by=code`],
      ["hf-hardware", `/endpoints/${hf}?view=hardware`],
      ["hf-timeline", `/endpoints/${hf}?view=timeline&from=now-24h`],
      ["hf-7d", `/endpoints/${hf}?from=now-7d`],
      ["hf-zoomed", `/endpoints/${hf}?from=${now - 50 * 60_000}&to=${now - 35 * 60_000}`],
    );
    if (replica) shots.push(["hf-one-replica", `/endpoints/${hf}?view=hardware&replica=${replica}`]);
  }
  const llmShot = (id: string) => `llm-${id.replace(/[^a-z0-9]+/g, "-")}`;
  for (const id of llm) {
    const name = llmShot(id);
    shots.push(
      [name, `/endpoints/${id}?view=llm`],
      [`${name}-per-replica`, `/endpoints/${id}?view=llm&details=kv_cache,pending`],
      [`${name}-requests`, `/endpoints/${id}`],
    );
  }
  // A shared link to the LLM view of an endpoint without token metrics: every panel says why.
  if (hf) shots.push(["hf-llm-link", `/endpoints/${hf}?view=llm`]);
  if (dbx) {
    shots.push(["dbx-requests", `/endpoints/${dbx}`], ["dbx-hardware", `/endpoints/${dbx}?view=hardware&details=gpu`]);
  }
  if (noMetrics) shots.push(["no-metrics", `/endpoints/${noMetrics}`]);
  shots.push(
    ...(await telemetryShots(
      endpoints.map((e) => e.id),
      now,
    )),
  );
  shots.push(["bad-link", `/endpoints/${hf ?? "x"}?from=yesterday`], ["not-found", "/endpoints/nowhere.nothing"]);
  // In dark too: the fleet, the integrations, the first endpoint and the first LLM view.
  const dark = shots.filter(
    ([name], i) => i < 3 || (llm[0] !== undefined && name === llmShot(llm[0])) || name === "incident-zoomed",
  );
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  for (const scheme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: scheme });
    for (const [name, path] of scheme === "light" ? shots : dark) {
      await page.setViewportSize(VIEWPORT);
      await page.goto(`${BASE_URL}${path}`);
      await settle(page);
      await fitToPage(page);
      // A marker's text shows on hover or focus: focus the first config change marker for its shot.
      if (name === "incident-marker-focused") await page.locator('[data-marker-kind="config"] button').first().focus();
      const file = join(OUT, `${name}${scheme === "dark" ? "-dark" : ""}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
  await browser.close();
}

await main();
