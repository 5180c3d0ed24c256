import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, type ConfigInputs } from "./load";
import { targetReplicas } from "./openmetrics-target";

function inputs(env: Record<string, string>, files: Record<string, string> = {}): ConfigInputs {
  return { env, readFile: (path) => files[path] ?? null, homeDir: "/home/u" };
}

/** A configuration file with one Databricks source and these extra fields. */
function databricksFile(extra: Record<string, unknown>): string {
  return JSON.stringify({
    sources: [{ kind: "databricks", id: "prod", host: "https://a.cloud.databricks.com", token: "t", ...extra }],
  });
}

describe("loadConfig", () => {
  it("starts with no source (demo) and loopback defaults", () => {
    const config = loadConfig(inputs({}));
    expect(config.sources).toEqual([]);
    expect(config).toMatchObject({ host: "127.0.0.1", port: 3000, dataDir: "./data", secretsDir: "./secrets" });
  });

  it("lists endpoints from a Prometheus with SERVESCOPE_PROMETHEUS_DISCOVERY=1, never without PROMETHEUS_URL", () => {
    const url = "http://127.0.0.1:9090";
    expect(loadConfig(inputs({ PROMETHEUS_URL: url })).prometheusDiscovery).toBe(false);
    expect(loadConfig(inputs({ PROMETHEUS_URL: url, SERVESCOPE_PROMETHEUS_DISCOVERY: "1" }))).toMatchObject({
      prometheusUrl: url,
      prometheusDiscovery: true,
      sources: [],
    });
    expect(() => loadConfig(inputs({ SERVESCOPE_PROMETHEUS_DISCOVERY: "1" }))).toThrow(
      "SERVESCOPE_PROMETHEUS_DISCOVERY: needs PROMETHEUS_URL",
    );
  });

  it("reads one source of each kind from the environment", () => {
    const config = loadConfig(
      inputs({
        DATABRICKS_HOST: "https://adb-1.2.azuredatabricks.net/",
        DATABRICKS_TOKEN: "dapi-test",
        HF_TOKEN: "hf-test",
        HF_NAMESPACE: "acme",
        OPENMETRICS_TARGETS: "vllm=http://127.0.0.1:8000/metrics, tgi=https://tgi.internal/metrics",
        SERVESCOPE_SCRAPE_INTERVAL_S: "2",
      }),
    );
    expect(config.sources.map((s) => [s.kind, s.id, s.scrapeIntervalS])).toEqual([
      ["databricks", "databricks", 2],
      ["huggingface", "huggingface", 2],
      ["openmetrics", "openmetrics", 2],
    ]);
    expect(config.sources[0]).toMatchObject({ host: "https://adb-1.2.azuredatabricks.net" });
    expect(config.sources[1]).toMatchObject({ apiBase: "https://api.endpoints.huggingface.cloud" });
  });

  it("reads a profile of ~/.databrickscfg", () => {
    const cfg =
      "[DEFAULT]\nhost = https://a.cloud.databricks.com\ntoken = t1\n\n[prod]\nhost = https://b.cloud.databricks.com\ntoken = t2\n";
    const config = loadConfig(inputs({ DATABRICKS_CONFIG_PROFILE: "prod" }, { "/home/u/.databrickscfg": cfg }));
    expect(config.sources[0]).toMatchObject({ host: "https://b.cloud.databricks.com", token: "t2" });
  });

  it.each([
    [{ DATABRICKS_HOST: "http://adb.example.com", DATABRICKS_TOKEN: "t" }, "DATABRICKS_HOST: must be an https:// URL"],
    [{ DATABRICKS_HOST: "https://adb.example.com" }, "DATABRICKS_TOKEN: required when DATABRICKS_HOST is set"],
    [{ HF_TOKEN: "t" }, "HF_NAMESPACE: required when HF_TOKEN is set"],
    [{ OPENMETRICS_TARGETS: "nourl" }, 'OPENMETRICS_TARGETS: "nourl" is not name=url'],
    [{ PORT: "http" }, "PORT: must be a decimal number"],
    [{ PORT: "0x1F90" }, "PORT: must be a decimal number"],
    [{ PORT: " " }, "PORT: must be a decimal number"],
    [{ HF_TOKEN: "t", HF_NAMESPACE: "n", HF_ENDPOINTS_API: "not a url" }, "HF_ENDPOINTS_API: Invalid URL"],
    [{ SERVESCOPE_SCRAPE_INTERVAL_S: "0" }, "SERVESCOPE_SCRAPE_INTERVAL_S: Too small"],
    [{ HOST: "0.0.0.0" }, "SERVESCOPE_AUTH_TOKEN: required to bind beyond loopback (HOST=0.0.0.0)"],
    [{ DATABRICKS_CONFIG_PROFILE: "x" }, "DATABRICKS_CONFIG_PROFILE: /home/u/.databrickscfg cannot be read"],
  ])("rejects %j naming the variable", (env, message) => {
    expect(() => loadConfig(inputs(env as Record<string, string>))).toThrow(ConfigError);
    expect(() => loadConfig(inputs(env as Record<string, string>))).toThrow(message);
  });

  it("reads several sources from a JSON file, tokens by variable name", () => {
    const file = JSON.stringify({
      sources: [
        { kind: "databricks", id: "prod", host: "https://a.cloud.databricks.com", tokenEnv: "PROD_TOKEN" },
        { kind: "databricks", id: "dev", host: "https://b.cloud.databricks.com", token: "inline" },
      ],
    });
    const config = loadConfig(inputs({ SERVESCOPE_CONFIG: "/c.json", PROD_TOKEN: "secret" }, { "/c.json": file }));
    expect(config.sources.map((s) => [s.id, "token" in s ? s.token : null])).toEqual([
      ["prod", "secret"],
      ["dev", "inline"],
    ]);
  });

  it("reads the SQL warehouse and the discovery interval, from the environment or the JSON file", () => {
    const env = { DATABRICKS_HOST: "https://a.cloud.databricks.com", DATABRICKS_TOKEN: "t" };
    const fromEnv = loadConfig(inputs({ ...env, DATABRICKS_WAREHOUSE_ID: "5f1c0a2b3d4e5f60" }));
    expect(fromEnv.sources[0]).toMatchObject({ kind: "databricks", warehouseId: "5f1c0a2b3d4e5f60" });
    expect(fromEnv.discoveryIntervalS).toBe(180);
    expect(loadConfig(inputs({ ...env, SERVESCOPE_DISCOVERY_INTERVAL_S: "5" })).discoveryIntervalS).toBe(5);
    const file = databricksFile({
      warehouseId: "abc123",
      endpoints: { "fraud-scorer": { logsTable: "main.`ops-logs`.fraud_otel_logs" } },
    });
    expect(loadConfig(inputs({ SERVESCOPE_CONFIG: "/c.json" }, { "/c.json": file })).sources[0]).toMatchObject({
      warehouseId: "abc123",
      endpoints: { "fraud-scorer": { logsTable: "main.`ops-logs`.fraud_otel_logs" } },
    });
  });

  it.each([
    [{ DATABRICKS_WAREHOUSE_ID: "abc" }, "DATABRICKS_WAREHOUSE_ID: needs a Databricks workspace"],
    [
      { DATABRICKS_HOST: "https://a.cloud.databricks.com", DATABRICKS_TOKEN: "t", DATABRICKS_WAREHOUSE_ID: "a b" },
      "DATABRICKS_WAREHOUSE_ID: must be a SQL warehouse id (letters and digits)",
    ],
    [{ SERVESCOPE_DISCOVERY_INTERVAL_S: "0" }, "SERVESCOPE_DISCOVERY_INTERVAL_S: Too small"],
  ])("rejects %j naming the variable", (env, message) => {
    expect(() => loadConfig(inputs(env as Record<string, string>))).toThrow(message);
  });

  it("refuses a logsTable that is not catalog.schema.table, naming the endpoint", () => {
    const file = databricksFile({ endpoints: { kappa: { logsTable: "logs; DROP TABLE x" } } });
    expect(() => loadConfig(inputs({ SERVESCOPE_CONFIG: "/c.json" }, { "/c.json": file }))).toThrow(
      'SERVESCOPE_CONFIG (/c.json) sources.0.endpoints.kappa.logsTable: invalid table name "logs; DROP TABLE x": expected catalog.schema.table',
    );
  });

  it("refuses two self-hosted targets of the same name (one would never be scraped)", () => {
    expect(() =>
      loadConfig(
        inputs({ OPENMETRICS_TARGETS: "vllm=http://127.0.0.1:8000/metrics,vllm=http://127.0.0.1:8001/metrics" }),
      ),
    ).toThrow('OPENMETRICS_TARGETS (vllm): the name "vllm" is used twice');
  });

  it("names the file and the field at fault", () => {
    const file = JSON.stringify({ sources: [{ kind: "huggingface", id: "Bad Id", namespace: "x", token: "t" }] });
    expect(() => loadConfig(inputs({ SERVESCOPE_CONFIG: "/c.json" }, { "/c.json": file }))).toThrow(
      "SERVESCOPE_CONFIG (/c.json) sources.0.id: must be lower-case letters",
    );
  });
});

describe("openmetrics replicas", () => {
  const openMetrics = (config: ReturnType<typeof loadConfig>) => {
    const source = config.sources.find((s) => s.kind === "openmetrics");
    if (source?.kind !== "openmetrics") throw new Error("no openmetrics source");
    return source;
  };
  const fileWith = (targets: unknown[]) =>
    inputs(
      { SERVESCOPE_CONFIG: "/c.json" },
      { "/c.json": JSON.stringify({ sources: [{ kind: "openmetrics", id: "self", targets }] }) },
    );

  it("makes name=url1|url2 replicas of one endpoint, each named by its host:port", () => {
    const source = openMetrics(
      loadConfig(
        inputs({
          OPENMETRICS_TARGETS:
            "chat=http://127.0.0.1:8001/metrics|http://127.0.0.1:8002/metrics/, tgi=https://tgi.internal/metrics",
        }),
      ),
    );
    expect(source.targets.map((target) => [target.name, targetReplicas(target)])).toEqual([
      [
        "chat",
        [
          { id: "127.0.0.1:8001", url: "http://127.0.0.1:8001/metrics", gpuUrl: null },
          { id: "127.0.0.1:8002", url: "http://127.0.0.1:8002/metrics", gpuUrl: null },
        ],
      ],
      ["tgi", [{ id: "tgi.internal", url: "https://tgi.internal/metrics", gpuUrl: null }]],
    ]);
  });

  it("reads replicas with ids and GPU exporters from the file, ids defaulting to host:port", () => {
    const [target] = openMetrics(
      loadConfig(
        fileWith([
          {
            name: "vllm",
            replicas: [
              { id: "gpu-node-1", url: "https://a.internal:8000/metrics", gpuUrl: "https://a.internal:9400/metrics" },
              { url: "https://b.internal:8000/metrics" },
            ],
          },
        ]),
      ),
    ).targets;
    expect(targetReplicas(target!)).toEqual([
      { id: "gpu-node-1", url: "https://a.internal:8000/metrics", gpuUrl: "https://a.internal:9400/metrics" },
      { id: "b.internal:8000", url: "https://b.internal:8000/metrics", gpuUrl: null },
    ]);
  });

  const HTTPS_ONLY = "must be an https:// URL (plain http:// is accepted only for 127.0.0.1 and localhost)";

  it.each([
    [
      "chat=http://127.0.0.1:8001/metrics|http://10.0.0.2:8000/metrics",
      `OPENMETRICS_TARGETS (chat, replica 2): ${HTTPS_ONLY}`,
    ],
    [
      "chat=http://127.0.0.1:8001/a|http://127.0.0.1:8001/b",
      'OPENMETRICS_TARGETS (chat, replica 2): replica id "127.0.0.1:8001" is used twice',
    ],
    ["chat=https://a.internal/metrics|", "OPENMETRICS_TARGETS (chat, replica 2): Invalid URL"],
    ["vllm=http://10.0.0.2:8000/metrics", `OPENMETRICS_TARGETS (vllm): ${HTTPS_ONLY}`],
    [
      "Bad Name=https://a.internal/metrics",
      "OPENMETRICS_TARGETS (Bad Name): the name must be letters, digits, '.', '_' or '-'",
    ],
    [
      "vllm=https://a.internal/metrics,VLLM=https://b.internal/metrics",
      'OPENMETRICS_TARGETS (VLLM): the name "VLLM" is used twice',
    ],
  ])("rejects OPENMETRICS_TARGETS=%s naming the entry and the replica", (value, message) => {
    expect(() => loadConfig(inputs({ OPENMETRICS_TARGETS: value }))).toThrow(new ConfigError(message));
  });

  const AT = "SERVESCOPE_CONFIG (/c.json) sources.0.targets.0";
  it.each([
    [
      {
        name: "v",
        replicas: [
          { id: "a", url: "https://a.internal/m" },
          { id: "a", url: "https://b.internal/m" },
        ],
      },
      `${AT}.replicas.1.id: replica id "a" is used twice`,
    ],
    [
      { name: "v", url: "https://a.internal/m", replicas: [{ url: "https://b.internal/m" }] },
      `${AT}: needs "url" or "replicas" (one of them)`,
    ],
    [{ name: "v" }, `${AT}: needs "url" or "replicas" (one of them)`],
    [{ name: "v", replicas: [] }, `${AT}.replicas: Too small: expected array to have >=1 items`],
    [
      { name: "v", replicas: [{ url: "https://a.internal/m", gpuUrl: "http://10.0.0.2:9400/metrics" }] },
      `${AT}.replicas.0.gpuUrl: ${HTTPS_ONLY}`,
    ],
    [
      { name: "v", replicas: [{ url: "https://a.internal/m", gpu_url: "https://a.internal:9400/metrics" }] },
      `${AT}.replicas.0: Unrecognized key: "gpu_url"`,
    ],
    [
      { name: "v", replicas: [{ id: "node a", url: "https://a.internal/m" }] },
      `${AT}.replicas.0.id: must be letters, digits, '.', '_', ':' or '-' (at most 63)`,
    ],
  ])("rejects the file target %j naming the field", (target, message) => {
    expect(() => loadConfig(fileWith([target]))).toThrow(new ConfigError(message));
  });
});
