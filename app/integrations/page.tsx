import { CopyBlock } from "@/components/integrations/copy-block";
import { PROVIDER_NAMES } from "@/lib/model/platform";
import { ProviderBadge } from "@/components/ui/provider-badge";
import { renderDatadogInstances } from "@/lib/integrations/datadog-config";
import { renderPrometheusScrapeJobs } from "@/lib/integrations/prometheus-config";
import { datadogSetupCommands, prometheusSetupCommands } from "@/lib/integrations/setup-commands";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

const LINK = "font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400";

export default function IntegrationsPage() {
  const { config, endpoints } = getRuntime();
  const all = endpoints();
  const options = { secretsDir: config.secretsDir, scrapeIntervalOverrideS: config.scrapeIntervalOverrideS };
  const dashboardUrl = `http://${config.host}:${config.port}`;

  return (
    <main className="mx-auto w-full max-w-[1200px] space-y-8 px-4 py-6">
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">Integrations</h1>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Scrape every endpoint with your own Prometheus (or VictoriaMetrics, Thanos, Mimir) or the Datadog Agent.
          Tokens are never shown here: Prometheus reads them from files, Datadog from its secret backend. The complete
          files:{" "}
          <a className={LINK} href="/api/integrations/prometheus.yml">
            prometheus.yml
          </a>{" "}
          ·{" "}
          <a className={LINK} href="/api/integrations/datadog.yaml">
            datadog.yaml
          </a>{" "}
          · and the dashboard&apos;s own{" "}
          <a className={LINK} href="/metrics">
            /metrics
          </a>
          .
        </p>
      </header>

      <section aria-labelledby="setup" className="space-y-3">
        <h2 id="setup" className="text-base font-semibold">
          Set up
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <CopyBlock
            title="Prometheus"
            text={prometheusSetupCommands(config.sources, config.secretsDir, dashboardUrl)}
          />
          <CopyBlock title="Datadog Agent" text={datadogSetupCommands(dashboardUrl)} />
        </div>
      </section>

      {config.sources.map((source) => {
        const mine = all.filter((endpoint) => endpoint.source === source.id);
        return (
          <section key={source.id} aria-labelledby={`source-${source.id}`} className="space-y-3">
            <h2 id={`source-${source.id}`} className="flex items-center gap-2 text-base font-semibold">
              <ProviderBadge provider={source.kind} />
              {source.id}
              <span className="text-sm font-normal text-zinc-500">
                {PROVIDER_NAMES[source.kind]} · {mine.length} endpoint{mine.length === 1 ? "" : "s"}
              </span>
            </h2>
            {mine.length === 0 && <p className="text-sm text-zinc-500">No endpoints discovered yet.</p>}
            <ul className="space-y-4">
              {mine.map((endpoint) => {
                const eligible = endpoint.metrics.available && endpoint.scrape !== null;
                return (
                  <li key={endpoint.id} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
                    <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <h3 className="font-medium">{endpoint.name}</h3>
                      <code className="text-xs text-zinc-500">{endpoint.id}</code>
                      <span className="text-xs text-zinc-500">{endpoint.state}</span>
                    </div>
                    {eligible ? (
                      <div className="grid gap-4 lg:grid-cols-2">
                        <CopyBlock
                          title="prometheus.yml job"
                          text={renderPrometheusScrapeJobs([endpoint], config.sources, options)}
                        />
                        <CopyBlock
                          title="Datadog instance"
                          text={renderDatadogInstances([endpoint], config.sources, options)}
                        />
                      </div>
                    ) : (
                      <p className="text-sm text-zinc-600 dark:text-zinc-400">
                        Nothing to scrape: {endpoint.metrics.reason ?? "no metrics URL is known for this endpoint"}.
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </main>
  );
}
