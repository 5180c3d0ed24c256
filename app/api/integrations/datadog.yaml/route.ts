import { renderDatadogConfig } from "@/lib/integrations/datadog-config";
import { handle } from "@/lib/server/api-response";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(() => {
    const { config, endpoints } = getRuntime();
    const body = renderDatadogConfig(endpoints(), config.sources, {
      scrapeIntervalOverrideS: config.scrapeIntervalOverrideS,
    });
    return new Response(body, { headers: { "content-type": "text/yaml; charset=utf-8", "cache-control": "no-store" } });
  });
}
