import { z } from "zod";
import { ConfigError, parseOrFail } from "./config-error";
import { parseDatabricksCfg } from "./databrickscfg";
import { parseOpenMetricsTargetsEnv } from "./openmetrics-env";
import { isLoopbackHost, UpstreamUrlSchema } from "./upstream-url";
import {
  AppConfigSchema,
  HF_DEFAULT_API,
  SourceConfigSchema,
  WarehouseIdSchema,
  type AppConfig,
  type SourceConfig,
} from "./schema";

/** Sources are listed again every three minutes unless SERVESCOPE_DISCOVERY_INTERVAL_S says otherwise. */
export const DEFAULT_DISCOVERY_INTERVAL_S = 180;

export { ConfigError };

export interface ConfigInputs {
  env: Record<string, string | undefined>;
  readFile: (path: string) => string | null;
  homeDir: string;
}

function readDatabricksProfile(inputs: ConfigInputs): { host: string; token: string } | null {
  const { env } = inputs;
  const profileName = env.DATABRICKS_CONFIG_PROFILE;
  if (!profileName) return null;
  const file = env.DATABRICKS_CONFIG_FILE ?? `${inputs.homeDir}/.databrickscfg`;
  const text = inputs.readFile(file);
  if (text === null) throw new ConfigError(`DATABRICKS_CONFIG_PROFILE: ${file} cannot be read`);
  const profile = parseDatabricksCfg(text).get(profileName);
  if (!profile) throw new ConfigError(`DATABRICKS_CONFIG_PROFILE: no profile [${profileName}] in ${file}`);
  if (!profile.host || !profile.token) {
    throw new ConfigError(`DATABRICKS_CONFIG_PROFILE: profile [${profileName}] in ${file} needs host and token`);
  }
  return { host: profile.host, token: profile.token };
}

function sourcesFromEnv(inputs: ConfigInputs, intervalOverride: number | null): SourceConfig[] {
  const { env } = inputs;
  const sources: unknown[] = [];
  const interval = intervalOverride === null ? {} : { scrapeIntervalS: intervalOverride };

  const profile = env.DATABRICKS_HOST ? null : readDatabricksProfile(inputs);
  const dbxHost = env.DATABRICKS_HOST ?? profile?.host;
  const dbxToken = env.DATABRICKS_TOKEN ?? profile?.token;
  if (dbxHost || env.DATABRICKS_TOKEN) {
    if (!dbxHost) throw new ConfigError("DATABRICKS_HOST: required when DATABRICKS_TOKEN is set");
    if (!dbxToken) throw new ConfigError("DATABRICKS_TOKEN: required when DATABRICKS_HOST is set");
    parseOrFail(UpstreamUrlSchema, dbxHost, "DATABRICKS_HOST");
    const warehouse = env.DATABRICKS_WAREHOUSE_ID
      ? { warehouseId: parseOrFail(WarehouseIdSchema, env.DATABRICKS_WAREHOUSE_ID, "DATABRICKS_WAREHOUSE_ID") }
      : {};
    sources.push({ kind: "databricks", id: "databricks", host: dbxHost, token: dbxToken, ...interval, ...warehouse });
  }

  if (env.DATABRICKS_WAREHOUSE_ID && !dbxHost) {
    throw new ConfigError(
      "DATABRICKS_WAREHOUSE_ID: needs a Databricks workspace (DATABRICKS_HOST and DATABRICKS_TOKEN)",
    );
  }

  if (env.HF_TOKEN || env.HF_NAMESPACE) {
    if (!env.HF_NAMESPACE) throw new ConfigError("HF_NAMESPACE: required when HF_TOKEN is set");
    if (!env.HF_TOKEN) throw new ConfigError("HF_TOKEN: required when HF_NAMESPACE is set");
    const apiBase = env.HF_ENDPOINTS_API ?? HF_DEFAULT_API;
    parseOrFail(UpstreamUrlSchema, apiBase, "HF_ENDPOINTS_API");
    sources.push({
      kind: "huggingface",
      id: "huggingface",
      namespace: env.HF_NAMESPACE,
      token: env.HF_TOKEN,
      apiBase,
      ...interval,
    });
  }

  if (env.OPENMETRICS_TARGETS) {
    sources.push({
      kind: "openmetrics",
      id: "openmetrics",
      targets: parseOpenMetricsTargetsEnv(env.OPENMETRICS_TARGETS),
      token: env.OPENMETRICS_TOKEN ?? null,
      ...interval,
    });
  }

  return sources.map((source, i) => {
    const kind = (source as { kind: string }).kind;
    const variable = {
      databricks: "DATABRICKS_HOST",
      huggingface: "HF_ENDPOINTS_API",
      openmetrics: "OPENMETRICS_TARGETS",
    }[kind];
    return parseOrFail(SourceConfigSchema, source, variable ?? `source ${i}`);
  });
}

const FileSourceSchema = z.record(z.string(), z.unknown());
const ConfigFileSchema = z.object({ sources: z.array(FileSourceSchema).min(1) });

function sourcesFromFile(inputs: ConfigInputs, path: string, intervalOverride: number | null): SourceConfig[] {
  const text = inputs.readFile(path);
  if (text === null) throw new ConfigError(`SERVESCOPE_CONFIG: ${path} cannot be read`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`SERVESCOPE_CONFIG: ${path} is not valid JSON (${(error as Error).message})`);
  }
  const file = parseOrFail(ConfigFileSchema, json, `SERVESCOPE_CONFIG (${path})`);
  return file.sources.map((raw, i) => {
    // A file may name the variable that holds a token instead of the token itself.
    const { tokenEnv, ...rest } = raw;
    const where = `SERVESCOPE_CONFIG (${path}) sources.${i}`;
    if (typeof tokenEnv === "string") {
      const token = inputs.env[tokenEnv];
      if (!token) throw new ConfigError(`${where}.tokenEnv: environment variable ${tokenEnv} is not set`);
      rest.token = token;
    }
    if (intervalOverride !== null) rest.scrapeIntervalS = intervalOverride;
    return parseOrFail(SourceConfigSchema, rest, where);
  });
}

function optionalNumber(env: ConfigInputs["env"], name: string, schema: z.ZodNumber): number | null {
  const raw = env[name];
  if (raw === undefined || raw === "") return null;
  // Decimal digits only: z.coerce.number() would read "0x1F90" as 8080 and " " as 0.
  const decimal = z
    .string()
    .regex(/^\d{1,9}(\.\d{1,6})?$/, "must be a decimal number")
    .transform(Number);
  return parseOrFail(decimal.pipe(schema), raw, name);
}

/** Reads and validates the whole configuration; throws ConfigError naming the variable at fault. */
export function loadConfig(inputs: ConfigInputs): AppConfig {
  const { env } = inputs;
  const intervalOverride = optionalNumber(env, "SERVESCOPE_SCRAPE_INTERVAL_S", z.number().min(0.2).max(3600));
  const sources = env.SERVESCOPE_CONFIG
    ? sourcesFromFile(inputs, env.SERVESCOPE_CONFIG, intervalOverride)
    : sourcesFromEnv(inputs, intervalOverride);
  const ids = new Set<string>();
  for (const source of sources) {
    if (ids.has(source.id)) throw new ConfigError(`SERVESCOPE_CONFIG: source id "${source.id}" is used twice`);
    ids.add(source.id);
  }

  const host = env.HOST ?? "127.0.0.1";
  const authToken = env.SERVESCOPE_AUTH_TOKEN ?? null;
  if (!isLoopbackHost(host) && authToken === null) {
    throw new ConfigError(`SERVESCOPE_AUTH_TOKEN: required to bind beyond loopback (HOST=${host})`);
  }
  if (authToken !== null && authToken.length < 16) {
    throw new ConfigError("SERVESCOPE_AUTH_TOKEN: must be at least 16 characters");
  }

  const prometheusDiscovery = env.SERVESCOPE_PROMETHEUS_DISCOVERY === "1";
  if (prometheusDiscovery && !env.PROMETHEUS_URL)
    throw new ConfigError(
      "SERVESCOPE_PROMETHEUS_DISCOVERY: needs PROMETHEUS_URL, the Prometheus to list endpoints from",
    );
  return AppConfigSchema.parse({
    sources,
    prometheusUrl: env.PROMETHEUS_URL ? parseOrFail(z.string().url(), env.PROMETHEUS_URL, "PROMETHEUS_URL") : null,
    prometheusDiscovery,
    secretsDir: env.SERVESCOPE_PROMETHEUS_SECRETS_DIR || "./secrets",
    dataDir: env.SERVESCOPE_DATA_DIR || "./data",
    scrapeIntervalOverrideS: intervalOverride,
    discoveryIntervalS:
      optionalNumber(env, "SERVESCOPE_DISCOVERY_INTERVAL_S", z.number().min(1).max(86_400)) ??
      DEFAULT_DISCOVERY_INTERVAL_S,
    host,
    port: optionalNumber(env, "PORT", z.number().int().min(0).max(65535)) ?? 3000,
    authToken,
    demo: env.SERVESCOPE_DEMO === "1",
  });
}
