import "server-only";
import type { EndpointDetail, EndpointList, EndpointSummary } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { ApiProblem } from "./api-response";
import { endpointViews, usageViews } from "./endpoint-views";
import { NO_HEADLINE } from "@/lib/query";
import type { Runtime } from "./runtime";

/** Headline figures and sparkline, or nulls and the reason (a backend down must not hide the fleet). */
async function figures(
  runtime: Runtime,
  endpoint: DiscoveredEndpoint,
  nowMs: number,
  sparkline: boolean,
): Promise<Pick<EndpointSummary, "headline" | "headlineError" | "sparkline" | "headlineSource">> {
  if (endpoint.telemetry?.payPerToken) {
    const usage = await runtime.usageHeadlines.figuresOf(endpoint, nowMs);
    if (usage && "headlineError" in usage) {
      return { headline: NO_HEADLINE, headlineError: usage.headlineError, headlineSource: usage.headlineSource };
    }
    if (usage) {
      const { headline, sparkline: points, headlineSource } = usage;
      return { headline: { ...NO_HEADLINE, ...headline }, headlineSource, ...(sparkline ? { sparkline: points } : {}) };
    }
  }
  // An endpoint without metrics has no figures: do not ask the backend about it at all.
  if (!endpoint.metrics.available) return { headline: NO_HEADLINE };
  try {
    return await runtime.figures.figures(endpoint, nowMs, sparkline);
  } catch (error) {
    return { headline: NO_HEADLINE, headlineError: error instanceof Error ? error.message : String(error) };
  }
}

/** What the API shows of an endpoint: never its scrape URL's credentials (it holds none) nor tokens. */
export async function toSummary(
  runtime: Runtime,
  endpoint: DiscoveredEndpoint,
  nowMs: number,
  { sparkline }: { sparkline: boolean },
): Promise<EndpointSummary> {
  return {
    id: endpoint.id,
    source: endpoint.source,
    provider: endpoint.provider,
    name: endpoint.name,
    state: endpoint.state,
    metrics: endpoint.metrics,
    model: endpoint.model,
    lastScrape: runtime.lastScrape(endpoint.id),
    ...(await figures(runtime, endpoint, nowMs, sparkline)),
  };
}

/** The fleet: every listed endpoint with its figures and sparkline, as GET /api/endpoints answers. */
export async function toFleet(runtime: Runtime, nowMs: number): Promise<EndpointList> {
  const endpoints = await Promise.all(
    runtime.endpoints().map((endpoint) => toSummary(runtime, endpoint, nowMs, { sparkline: true })),
  );
  return { endpoints };
}

export async function toDetail(runtime: Runtime, endpoint: DiscoveredEndpoint, nowMs: number): Promise<EndpointDetail> {
  const summary = await toSummary(runtime, endpoint, nowMs, { sparkline: false });
  return {
    ...summary,
    replicas: runtime.store.listReplicas(endpoint.id),
    scaling: endpoint.scaling,
    views: runtime.seriesSourceFor(endpoint).fromUsage ? usageViews() : endpointViews(runtime, endpoint),
  };
}

export function requireEndpoint(runtime: Runtime, id: string): DiscoveredEndpoint {
  const endpoint = runtime.endpoint(id);
  if (!endpoint) throw new ApiProblem(404, "unknown_endpoint", `no endpoint with id "${id}"`);
  return endpoint;
}
