import type { SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { EndpointFigures, PanelQuery } from "../types";

/** What the query thread is started with. */
export interface QueryThreadData {
  /** The store's database file, opened read-only by the thread. */
  path: string;
}

/** One panel query, or an endpoint's figures at nowMs; the query thread is posted a list of them. */
export type QueryRequest =
  | { id: number; endpoint: DiscoveredEndpoint; query: PanelQuery }
  | { id: number; endpoint: DiscoveredEndpoint; figures: { nowMs: number; withSparkline: boolean } };

/** The thread's answer to request `id` (posted back as a list): the answer, or the message of what it threw. */
export type QueryReply =
  { id: number; response: SeriesResponse } | { id: number; figures: EndpointFigures } | { id: number; error: string };
