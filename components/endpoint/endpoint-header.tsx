import type { EndpointDetail } from "@/lib/api/schemas";
import { formatAge } from "@/lib/time/duration";
import { formatTimestamp } from "@/lib/time/ticks";
import { PROVIDER_NAMES } from "@/lib/model/platform";
import { ProviderBadge } from "@/components/ui/provider-badge";
import { StateBadge } from "@/components/ui/state-badge";

interface EndpointHeaderProps {
  endpoint: EndpointDetail;
  /** When the endpoint was fetched: scrape ages are measured from it. */
  fetchedAtMs: number;
}

function describeScaling({ scaling }: EndpointDetail): string | null {
  const parts: string[] = [];
  if (scaling.minReplicas !== null || scaling.maxReplicas !== null) {
    parts.push(`replicas ${scaling.minReplicas ?? "?"}–${scaling.maxReplicas ?? "?"}`);
  }
  if (scaling.minProvisionedConcurrency !== null || scaling.maxProvisionedConcurrency !== null) {
    parts.push(`concurrency ${scaling.minProvisionedConcurrency ?? "?"}–${scaling.maxProvisionedConcurrency ?? "?"}`);
  }
  if (scaling.readyReplicas !== null) parts.push(`${scaling.readyReplicas} ready`);
  if (scaling.scaleToZero) parts.push("scales to zero");
  return parts.length ? parts.join(" · ") : null;
}

export function EndpointHeader({ endpoint, fetchedAtMs }: EndpointHeaderProps) {
  const { model, lastScrape } = endpoint;
  const scaling = describeScaling(endpoint);
  return (
    <header className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <ProviderBadge provider={endpoint.provider} />
        <h1 className="text-xl font-semibold break-all">{endpoint.name}</h1>
        <StateBadge state={endpoint.state} />
      </div>
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
        <div className="flex gap-1">
          <dt>Platform</dt>
          <dd className="text-zinc-900 dark:text-zinc-100">
            {PROVIDER_NAMES[endpoint.provider]}
            {endpoint.source !== endpoint.provider && ` · ${endpoint.source}`}
          </dd>
        </div>
        {model.name && (
          <div className="flex gap-1">
            <dt>Model</dt>
            <dd className="font-mono text-zinc-900 dark:text-zinc-100">
              {model.name}
              {model.version && ` v${model.version}`}
            </dd>
          </div>
        )}
        {Object.entries(model.details).map(([key, value]) => (
          <div key={key} className="flex gap-1">
            <dt>{key}</dt>
            <dd className="text-zinc-900 dark:text-zinc-100">{value}</dd>
          </div>
        ))}
        {scaling && (
          <div className="flex gap-1">
            <dt>Scaling</dt>
            <dd className="text-zinc-900 dark:text-zinc-100">{scaling}</dd>
          </div>
        )}
        <div className="flex gap-1">
          <dt>Last scrape</dt>
          <dd className="text-zinc-900 dark:text-zinc-100" data-testid="last-scrape">
            {lastScrape === null ? (
              "never"
            ) : (
              <span title={`${formatTimestamp(lastScrape.at, "UTC")} UTC`}>
                {formatAge(fetchedAtMs - lastScrape.at)} ago,{" "}
                {lastScrape.ok ? (
                  <span className="text-green-700 dark:text-green-400">ok</span>
                ) : (
                  <span className="text-red-700 dark:text-red-400">
                    failed{lastScrape.status !== null && ` (HTTP ${lastScrape.status})`}
                    {lastScrape.error && `: ${lastScrape.error}`}
                  </span>
                )}{" "}
                in {Math.round(lastScrape.durationMs)} ms
              </span>
            )}
          </dd>
        </div>
      </dl>
      {!endpoint.metrics.available && endpoint.metrics.reason && (
        // Not a warning when the figures come from elsewhere (usage tables): the page still has them.
        <p
          data-testid="no-metrics-reason"
          className={`text-sm ${endpoint.headlineSource ? "text-zinc-600 dark:text-zinc-400" : "text-amber-800 dark:text-amber-300"}`}
        >
          No metrics: {endpoint.metrics.reason}
        </p>
      )}
      {endpoint.headlineError && (
        <p className="text-sm text-amber-800 dark:text-amber-300" data-testid="headline-error">
          Figures unavailable: {endpoint.headlineError}
        </p>
      )}
      {lastScrape?.deferredUntil !== undefined && (
        <p className="text-sm text-amber-800 dark:text-amber-300" data-testid="scrape-deferred">
          Next scrape not before {formatTimestamp(lastScrape.deferredUntil, "UTC")} UTC: the platform asked to wait
          (Retry-After).
        </p>
      )}
      {lastScrape?.warnings && lastScrape.warnings.length > 0 && (
        <ul className="text-sm text-amber-800 dark:text-amber-300" aria-label="Scrape warnings">
          {lastScrape.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </header>
  );
}
