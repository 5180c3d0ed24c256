import { Document, stringify } from "yaml";
import type { SourceConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { toScrapeTargets, type ScrapeTarget } from "./scrape-target";
import { REPLICA_TARGET_LABEL } from "./target-labels";

export interface PrometheusConfigOptions {
  /** Directory of the `<source id>.token` files; a relative path is relative to prometheus.yml's own directory. */
  secretsDir: string;
  scrapeIntervalOverrideS?: number | null;
}

/** A Prometheus duration: minutes, seconds or milliseconds, whichever is whole. */
export function toPrometheusDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The token file Prometheus reads for a source: `<secretsDir>/<source id>.token`. */
export function tokenFilePath(secretsDir: string, sourceId: string): string {
  return `${secretsDir.replace(/\/+$/, "")}/${sourceId}.token`;
}

export function prometheusJobName(endpointId: string): string {
  return `servescope-${endpointId}`;
}

/** One URL of a job's targets, and the labels Prometheus adds to every series scraped from it. */
interface JobTarget {
  url: URL;
  labels: Record<string, string>;
}

/** One scrape job: a URL's scheme, path and query are the job's, so targets differing in them need a job each. */
interface Job {
  name: string;
  url: URL;
  targets: JobTarget[];
}

const jobKeyOf = (url: URL) => `${url.protocol}${url.pathname}${url.search}`;

/**
 * An endpoint's jobs: one target, or for a self-hosted endpoint one target per replica labelled with its
 * id, and its GPU exporters in a job of their own (`…-gpu`), since the two answer different paths and ports.
 */
function toJobs({ endpoint, url, replicas }: ScrapeTarget): Job[] {
  const labels = { provider: endpoint.provider, endpoint: endpoint.id };
  const base = prometheusJobName(endpoint.id);
  if (replicas === null) return [{ name: base, url, targets: [{ url, labels }] }];
  const roles = [
    { name: base, urls: replicas.map((replica) => ({ id: replica.id, url: replica.url })) },
    {
      name: `${base}-gpu`,
      urls: replicas.flatMap(({ id, gpuUrl }) => (gpuUrl === null ? [] : [{ id, url: gpuUrl }])),
    },
  ];
  return roles.flatMap((role) => {
    const jobs = new Map<string, Job>();
    for (const { id, url: text } of role.urls) {
      const target = { url: new URL(text), labels: { ...labels, [REPLICA_TARGET_LABEL]: id } };
      const key = jobKeyOf(target.url);
      let job = jobs.get(key);
      if (!job) jobs.set(key, (job = { name: role.name, url: target.url, targets: [] }));
      job.targets.push(target);
    }
    // Replicas answering on different paths: a job each after the first, numbered.
    return [...jobs.values()].map((job, index) => (index === 0 ? job : { ...job, name: `${job.name}-${index + 1}` }));
  });
}

const hostPort = (url: URL) => `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;

function toScrapeJobs(target: ScrapeTarget, secretsDir: string) {
  const { endpoint, intervalS, needsToken } = target;
  // A slow Databricks minute aggregate gets up to half its interval; never more than the interval.
  const timeoutS = Math.min(intervalS, Math.max(10, intervalS / 2));
  return toJobs(target).map(({ name, url, targets }) => {
    const params: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) (params[key] ??= []).push(value);
    return {
      job_name: name,
      scrape_interval: toPrometheusDuration(intervalS),
      scrape_timeout: toPrometheusDuration(timeoutS),
      // Databricks stamps each per-minute aggregate with its minute: keep those times.
      honor_timestamps: true,
      scheme: url.protocol === "https:" ? "https" : "http",
      metrics_path: url.pathname,
      ...(Object.keys(params).length > 0 ? { params } : {}),
      ...(needsToken
        ? { authorization: { type: "Bearer", credentials_file: tokenFilePath(secretsDir, endpoint.source) } }
        : {}),
      static_configs: targets.map((t) => ({ targets: [hostPort(t.url)], labels: t.labels })),
    };
  });
}

/** The `scrape_configs` entries alone, as YAML: one job per eligible endpoint. */
export function renderPrometheusScrapeJobs(
  endpoints: DiscoveredEndpoint[],
  sources: SourceConfig[],
  options: PrometheusConfigOptions,
): string {
  const jobs = toScrapeTargets(endpoints, sources, options.scrapeIntervalOverrideS);
  return stringify(jobs.flatMap((target) => toScrapeJobs(target, options.secretsDir)));
}

/** A complete prometheus.yml. Tokens appear only as credentials_file paths, never inline. */
export function renderPrometheusConfig(
  endpoints: DiscoveredEndpoint[],
  sources: SourceConfig[],
  options: PrometheusConfigOptions,
): string {
  const targets = toScrapeTargets(endpoints, sources, options.scrapeIntervalOverrideS);
  const doc = new Document({
    global: { scrape_interval: "1m", scrape_timeout: "10s", evaluation_interval: "1m" },
    scrape_configs: targets.flatMap((target) => toScrapeJobs(target, options.secretsDir)),
  });
  doc.commentBefore = [
    " Generated by Servescope: one job per endpoint that exposes metrics (and one for its replicas' GPU exporters).",
    ` Token files (one line, the token only): ${tokenFilePath(options.secretsDir, "<source id>")}.`,
    " Relative paths are resolved from this file's directory.",
  ].join("\n");
  return doc.toString();
}
