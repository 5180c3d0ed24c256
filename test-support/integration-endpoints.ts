import type { SourceConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { makeEndpoint } from "./endpoints";

/** Endpoints and sources the integration renderers' tests share: eligible and ineligible ones of each kind. */

function endpoint(
  id: string,
  provider: DiscoveredEndpoint["provider"],
  url: string | null,
  intervalS: number,
  available = true,
): DiscoveredEndpoint {
  return makeEndpoint(id, provider, {
    state: available ? "READY" : "NOT_READY",
    metrics: { available, reason: available ? null : "endpoint is not ready" },
    scrape: url === null ? null : { url, intervalS },
  });
}

export const TEST_ENDPOINTS: DiscoveredEndpoint[] = [
  endpoint(
    "hf.llama",
    "huggingface",
    "https://api.endpoints.huggingface.cloud/v2/endpoint/acme/llama/open-metrics",
    15,
  ),
  endpoint(
    "dbx.fraud-scorer",
    "databricks",
    "https://adb-1.7.azuredatabricks.net/api/2.0/serving-endpoints/fraud-scorer/metrics",
    60,
  ),
  endpoint(
    "dbx.not-ready",
    "databricks",
    "https://adb-1.7.azuredatabricks.net/api/2.0/serving-endpoints/not-ready/metrics",
    60,
    false,
  ),
  endpoint("dbx.pay-per-token", "databricks", null, 60),
  endpoint("om.vllm", "openmetrics", "http://127.0.0.1:8000/metrics?format=prometheus", 15),
];

export const TEST_SOURCES: SourceConfig[] = [
  {
    kind: "databricks",
    id: "dbx",
    host: "https://adb-1.7.azuredatabricks.net",
    token: "dapi-SECRET-1",
    scrapeIntervalS: 60,
  },
  {
    kind: "huggingface",
    id: "hf",
    namespace: "acme",
    token: "hf_SECRET_2",
    apiBase: "https://api.endpoints.huggingface.cloud",
    scrapeIntervalS: 15,
  },
  {
    kind: "openmetrics",
    id: "om",
    targets: [{ name: "vllm", url: "http://127.0.0.1:8000/metrics?format=prometheus" }],
    token: null,
    scrapeIntervalS: 15,
  },
];

export const TEST_SECRETS = ["dapi-SECRET-1", "hf_SECRET_2"];
