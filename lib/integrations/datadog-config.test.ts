import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderDatadogConfig, renderDatadogInstances } from "./datadog-config";
import { TEST_ENDPOINTS, TEST_SECRETS, TEST_SOURCES } from "@/test-support/integration-endpoints";

describe("renderDatadogConfig", () => {
  const text = renderDatadogConfig(TEST_ENDPOINTS, TEST_SOURCES);
  const config = parse(text);

  it("has one OpenMetrics instance per eligible endpoint, tagged provider and endpoint", () => {
    expect(config.init_config).toEqual({});
    expect(config.instances.map((i: { tags: string[] }) => i.tags)).toEqual([
      ["provider:databricks", "endpoint:dbx.fraud-scorer"],
      ["provider:huggingface", "endpoint:hf.llama"],
      ["provider:openmetrics", "endpoint:om.vllm"],
    ]);
  });

  it("types Databricks' per-minute *_total families as gauges and its latency as a histogram", () => {
    const databricks = config.instances[0];
    expect(databricks).toMatchObject({
      openmetrics_endpoint: "https://adb-1.7.azuredatabricks.net/api/2.0/serving-endpoints/fraud-scorer/metrics",
      namespace: "databricks_model_serving",
      headers: { Authorization: "Bearer ENC[servescope_dbx_token]" },
      min_collection_interval: 60,
    });
    expect(databricks.metrics).toContainEqual({ request_count_total: { name: "request_count_total", type: "gauge" } });
    expect(databricks.metrics).toContainEqual({
      provisioned_concurrent_requests_total: { name: "provisioned_concurrent_requests_total", type: "gauge" },
    });
    expect(databricks.metrics).toContainEqual({
      request_latency_ms: { name: "request_latency_ms", type: "histogram" },
    });
  });

  it("sends a secret handle, never the token; no header for a tokenless target", () => {
    for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
    expect(config.instances[1].headers).toEqual({ Authorization: "Bearer ENC[servescope_hf_token]" });
    expect(config.instances[2].headers).toBeUndefined();
    expect(config.instances[2].openmetrics_endpoint).toBe("http://127.0.0.1:8000/metrics?format=prometheus");
  });

  it("renders the instances alone with the interval override", () => {
    const instances = parse(
      renderDatadogInstances(TEST_ENDPOINTS.slice(0, 1), TEST_SOURCES, { scrapeIntervalOverrideS: 5 }),
    );
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ namespace: "huggingface_endpoints", min_collection_interval: 5 });
  });
});
