import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/chromium";

// Workers re-evaluate this file: keep the port and data folder chosen once, in the environment they inherit.
process.env.SERVESCOPE_E2E_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
process.env.SERVESCOPE_E2E_DATA ??= mkdtempSync(join(tmpdir(), "servescope-e2e-"));
const port = Number(process.env.SERVESCOPE_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    timezoneId: "UTC",
    locale: "en-US",
    viewport: { width: 1440, height: 900 },
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: {
    // The demo workspace: fake Databricks and Hugging Face upstreams on 127.0.0.1, backfilled history.
    command: "node bin/servescope.mjs demo",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      SERVESCOPE_DATA_DIR: process.env.SERVESCOPE_E2E_DATA,
      SERVESCOPE_SCRAPE_INTERVAL_S: "2",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
