import { renderPrometheusConfig } from "@/lib/integrations/prometheus-config";
import { handle } from "@/lib/server/api-response";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(() => {
    const { config, endpoints } = getRuntime();
    const body = renderPrometheusConfig(endpoints(), config.sources, {
      secretsDir: config.secretsDir,
      scrapeIntervalOverrideS: config.scrapeIntervalOverrideS,
    });
    return new Response(body, { headers: { "content-type": "text/yaml; charset=utf-8", "cache-control": "no-store" } });
  });
}
