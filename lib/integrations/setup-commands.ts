import type { SourceConfig } from "@/lib/config/schema";
import { tokenFilePath } from "./prometheus-config";

/** The variable a source's token is read from (DESIGN.md, Configuration), to write its token file from. */
const TOKEN_VARIABLE: Record<SourceConfig["kind"], string> = {
  databricks: "DATABRICKS_TOKEN",
  huggingface: "HF_TOKEN",
  openmetrics: "OPENMETRICS_TOKEN",
};

function needsToken(source: SourceConfig): boolean {
  return source.kind !== "openmetrics" || source.token !== null;
}

/**
 * Shell steps to run Prometheus on the generated configuration: token files readable by their
 * owner only (umask 077), printf so no token lands in shell history, then check and start.
 */
export function prometheusSetupCommands(sources: SourceConfig[], secretsDir: string, dashboardUrl: string): string {
  const tokens = sources
    .filter(needsToken)
    .map((s) => `printf '%s\\n' "$${TOKEN_VARIABLE[s.kind]}" > ${tokenFilePath(secretsDir, s.id)}`);
  return [
    "umask 077",
    `mkdir -p ${secretsDir}`,
    ...tokens,
    `curl -fsS ${dashboardUrl}/api/integrations/prometheus.yml -o prometheus.yml`,
    "promtool check config prometheus.yml",
    "prometheus --config.file=prometheus.yml --storage.tsdb.path=./prometheus-data",
    `# then start Servescope with PROMETHEUS_URL=http://127.0.0.1:9090 to read history from it`,
  ].join("\n");
}

/** Shell steps for the Datadog Agent's OpenMetrics check, secrets resolved by its secret backend. */
export function datadogSetupCommands(dashboardUrl: string): string {
  return [
    "sudo mkdir -p /etc/datadog-agent/conf.d/openmetrics.d",
    `curl -fsS ${dashboardUrl}/api/integrations/datadog.yaml | sudo tee /etc/datadog-agent/conf.d/openmetrics.d/conf.yaml >/dev/null`,
    "# datadog.yaml: secret_backend_command resolves ENC[servescope_<source id>_token]",
    "sudo datadog-agent configcheck",
    "sudo systemctl restart datadog-agent",
  ].join("\n");
}
