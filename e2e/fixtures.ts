import { test as base, expect } from "@playwright/test";
import { EndpointPage } from "./pages/endpoint-page";
import { FleetPage } from "./pages/fleet-page";

interface Fixtures {
  fleetPage: FleetPage;
  endpointPage: EndpointPage;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  timezoneId: async ({}, use) => use("UTC"),
  // eslint-disable-next-line no-empty-pattern
  locale: async ({}, use) => use("en-US"),
  // Any console error or uncaught exception fails the test that caused it.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
    await use(page);
    expect(errors, "console errors").toEqual([]);
  },
  fleetPage: async ({ page }, use) => use(new FleetPage(page)),
  endpointPage: async ({ page }, use) => use(new EndpointPage(page)),
});

export { expect };

/** Demo endpoints the specs rely on (lib/simulation). */
export const DEMO = {
  databricks: "databricks.fraud-scorer",
  huggingface: "huggingface.sentiment-prod",
  /** The 5xx incident, with its telemetry logs table and a config change in each incident. */
  incident: "databricks.recsys-features",
  payPerToken: "databricks.databricks-meta-llama-3-3-70b-instruct",
  /** Self-hosted: two vLLM replicas (V1 engine), each with a DCGM exporter, and a TGI. */
  vllm: "openmetrics.vllm-chat",
  tgi: "openmetrics.tgi-summarize",
} as const;
