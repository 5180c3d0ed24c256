import type { z } from "zod";
import { ConfigError } from "./config-error";
import { OpenMetricsTargetsSchema, type OpenMetricsTarget } from "./openmetrics-target";

const VARIABLE = "OPENMETRICS_TARGETS";

/** "OPENMETRICS_TARGETS (chat, replica 2): …": the entry and replica as written, never a URL (it may hold a secret). */
function describeIssue(names: readonly string[], issue: z.core.$ZodIssue): string {
  const [index, field, replica] = issue.path;
  const name = typeof index === "number" ? names[index] : undefined;
  if (name === undefined) return `${VARIABLE}: ${issue.message}`;
  const which = field === "replicas" && typeof replica === "number" ? `, replica ${replica + 1}` : "";
  const what = field === "name" ? "the name " : "";
  return `${VARIABLE} (${name}${which}): ${what}${issue.message}`;
}

/**
 * `name=url,name=url`; `name=url1|url2` makes the URLs replicas of one endpoint, each identified by its
 * host:port. Validated here so that a message names the entry at fault.
 */
export function parseOpenMetricsTargetsEnv(raw: string): OpenMetricsTarget[] {
  const targets = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const eq = entry.indexOf("=");
      if (eq <= 0) throw new ConfigError(`${VARIABLE}: "${entry}" is not name=url`);
      const name = entry.slice(0, eq).trim();
      const urls = entry
        .slice(eq + 1)
        .split("|")
        .map((url) => url.trim());
      return urls.length === 1 ? { name, url: urls[0] } : { name, replicas: urls.map((url) => ({ url })) };
    });
  const parsed = OpenMetricsTargetsSchema.safeParse(targets);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  throw new ConfigError(
    first
      ? describeIssue(
          targets.map((target) => target.name),
          first,
        )
      : `${VARIABLE}: invalid value`,
  );
}
