import { describe, expect, it } from "vitest";
import { datadogSetupCommands, prometheusSetupCommands } from "./setup-commands";
import { TEST_SECRETS, TEST_SOURCES } from "@/test-support/integration-endpoints";

describe("prometheusSetupCommands", () => {
  const text = prometheusSetupCommands(TEST_SOURCES, "./secrets", "http://127.0.0.1:3000");

  it("writes one token file per source that has a token, under umask 077, from the environment", () => {
    const lines = text.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "umask 077",
      "mkdir -p ./secrets",
      `printf '%s\\n' "$DATABRICKS_TOKEN" > ./secrets/dbx.token`,
      `printf '%s\\n' "$HF_TOKEN" > ./secrets/hf.token`,
    ]);
    expect(text).not.toContain("om.token");
    for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
  });

  it("fetches, checks and starts", () => {
    expect(text).toContain("curl -fsS http://127.0.0.1:3000/api/integrations/prometheus.yml -o prometheus.yml\n");
    expect(text).toContain("promtool check config prometheus.yml\nprometheus --config.file=prometheus.yml");
  });
});

describe("datadogSetupCommands", () => {
  it("installs the check's conf.yaml", () => {
    expect(datadogSetupCommands("http://127.0.0.1:3000")).toContain(
      "curl -fsS http://127.0.0.1:3000/api/integrations/datadog.yaml | sudo tee /etc/datadog-agent/conf.d/openmetrics.d/conf.yaml",
    );
  });
});
