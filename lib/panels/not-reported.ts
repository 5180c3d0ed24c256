import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { notReportedReason, reporterName } from "@/lib/model/platform";
import { panelMeta, type PanelId } from "./catalog";

/**
 * Why an endpoint has nothing for a panel: its own reason when it has no metrics, a gap its server
 * is known for ("TGI does not export time to first token"), else "not reported by <server>".
 */
export function panelNotReportedReason(
  panel: PanelId,
  endpoint: Pick<DiscoveredEndpoint, "provider" | "model" | "metrics">,
): string {
  const meta = panelMeta(panel);
  const reporter = reporterName(endpoint);
  if (endpoint.metrics.available && meta.notExportedBy?.includes(reporter))
    return `${reporter} does not export ${meta.title.toLowerCase()}`;
  return notReportedReason(endpoint);
}
