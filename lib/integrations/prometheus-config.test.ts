import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderPrometheusConfig, renderPrometheusScrapeJobs, toPrometheusDuration } from "./prometheus-config";
import type { SourceConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { TEST_ENDPOINTS, TEST_SECRETS, TEST_SOURCES } from "@/test-support/integration-endpoints";

const PROMTOOL = "/usr/bin/promtool";
const run = promisify(execFile);

describe("renderPrometheusConfig", () => {
  const text = renderPrometheusConfig(TEST_ENDPOINTS, TEST_SOURCES, { secretsDir: "./secrets/" });

  it("has one job per eligible endpoint, with labels, interval, timeout, path, scheme, target", () => {
    const config = parse(text);
    expect(config.global).toEqual({ scrape_interval: "1m", scrape_timeout: "10s", evaluation_interval: "1m" });
    expect(config.scrape_configs).toEqual([
      {
        job_name: "servescope-dbx.fraud-scorer",
        scrape_interval: "1m",
        scrape_timeout: "30s",
        honor_timestamps: true,
        scheme: "https",
        metrics_path: "/api/2.0/serving-endpoints/fraud-scorer/metrics",
        authorization: { type: "Bearer", credentials_file: "./secrets/dbx.token" },
        static_configs: [
          {
            targets: ["adb-1.7.azuredatabricks.net:443"],
            labels: { provider: "databricks", endpoint: "dbx.fraud-scorer" },
          },
        ],
      },
      {
        job_name: "servescope-hf.llama",
        scrape_interval: "15s",
        scrape_timeout: "10s",
        honor_timestamps: true,
        scheme: "https",
        metrics_path: "/v2/endpoint/acme/llama/open-metrics",
        authorization: { type: "Bearer", credentials_file: "./secrets/hf.token" },
        static_configs: [
          {
            targets: ["api.endpoints.huggingface.cloud:443"],
            labels: { provider: "huggingface", endpoint: "hf.llama" },
          },
        ],
      },
      {
        job_name: "servescope-om.vllm",
        scrape_interval: "15s",
        scrape_timeout: "10s",
        honor_timestamps: true,
        scheme: "http",
        metrics_path: "/metrics",
        params: { format: ["prometheus"] },
        static_configs: [
          {
            targets: ["127.0.0.1:8000"],
            labels: { provider: "openmetrics", endpoint: "om.vllm", replica_id: "127.0.0.1:8000" },
          },
        ],
      },
    ]);
  });

  it("labels each self-hosted replica with its id, and its GPU exporter in a job of its own with the same id", () => {
    const source: SourceConfig = {
      kind: "openmetrics",
      id: "lab",
      token: "om-SECRET-3",
      scrapeIntervalS: 15,
      targets: [
        {
          name: "chat",
          replicas: [
            { id: "chat-0", url: "http://127.0.0.1:8001/metrics", gpuUrl: "http://127.0.0.1:9400/metrics" },
            { id: "chat-1", url: "http://127.0.0.1:8002/metrics", gpuUrl: "http://127.0.0.1:9401/metrics" },
            { url: "http://127.0.0.1:8003/v1/metrics" },
          ],
        },
      ],
    };
    const chat: DiscoveredEndpoint = {
      ...TEST_ENDPOINTS.find((e) => e.id === "om.vllm")!,
      id: "lab.chat",
      source: "lab",
      name: "chat",
      scrape: { url: "http://127.0.0.1:8001/metrics", intervalS: 15 },
    };
    const text = renderPrometheusConfig([chat], [source], { secretsDir: "s" });
    expect(text).not.toContain("om-SECRET-3");
    const jobs = parse(text).scrape_configs;
    const labels = (replica: string) => ({ provider: "openmetrics", endpoint: "lab.chat", replica_id: replica });
    const auth = { type: "Bearer", credentials_file: "s/lab.token" };
    expect(jobs.map((job: { job_name: string }) => job.job_name)).toEqual([
      "servescope-lab.chat",
      "servescope-lab.chat-2",
      "servescope-lab.chat-gpu",
    ]);
    expect(jobs[0]).toMatchObject({
      metrics_path: "/metrics",
      authorization: auth,
      static_configs: [
        { targets: ["127.0.0.1:8001"], labels: labels("chat-0") },
        { targets: ["127.0.0.1:8002"], labels: labels("chat-1") },
      ],
    });
    // A replica on another path needs a job of its own; without an id, its host:port is its id.
    expect(jobs[1]).toMatchObject({
      metrics_path: "/v1/metrics",
      static_configs: [{ targets: ["127.0.0.1:8003"], labels: labels("127.0.0.1:8003") }],
    });
    expect(jobs[2]).toMatchObject({
      scrape_interval: "15s",
      metrics_path: "/metrics",
      authorization: auth,
      static_configs: [
        { targets: ["127.0.0.1:9400"], labels: labels("chat-0") },
        { targets: ["127.0.0.1:9401"], labels: labels("chat-1") },
      ],
    });
  });

  it("never contains a token", () => {
    for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
  });

  it("applies the interval override to every job, the timeout never above it", () => {
    const config = parse(
      renderPrometheusConfig(TEST_ENDPOINTS, TEST_SOURCES, { secretsDir: "s", scrapeIntervalOverrideS: 5 }),
    );
    for (const job of config.scrape_configs) expect(job).toMatchObject({ scrape_interval: "5s", scrape_timeout: "5s" });
  });

  it("renders the jobs alone for one endpoint", () => {
    const jobs = parse(renderPrometheusScrapeJobs(TEST_ENDPOINTS.slice(0, 1), TEST_SOURCES, { secretsDir: "/etc/s" }));
    expect(jobs).toHaveLength(1);
    expect(jobs[0].authorization.credentials_file).toBe("/etc/s/hf.token");
  });

  it("formats durations", () => {
    expect([60, 120, 15, 1, 0.5].map(toPrometheusDuration)).toEqual(["1m", "2m", "15s", "1s", "500ms"]);
  });
});

describe.skipIf(!existsSync(PROMTOOL))("promtool check config", () => {
  const dir = mkdtempSync(join(tmpdir(), "servescope-promtool-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const configPath = join(dir, "prometheus.yml");
  writeFileSync(configPath, renderPrometheusConfig(TEST_ENDPOINTS, TEST_SOURCES, { secretsDir: "secrets" }));

  it("rejects the config while the token files are missing", async () => {
    await expect(run(PROMTOOL, ["check", "config", configPath])).rejects.toMatchObject({
      stderr: expect.stringMatching(/FAILED: error checking authorization credentials .*secrets\/dbx\.token/),
    });
  });

  it("accepts it once the token files exist beside it", async () => {
    mkdirSync(join(dir, "secrets"));
    for (const id of ["dbx", "hf"]) writeFileSync(join(dir, "secrets", `${id}.token`), "token\n", { mode: 0o600 });
    const { stdout } = await run(PROMTOOL, ["check", "config", configPath]);
    expect(stdout).toContain("SUCCESS");
  });
});
