import type { SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery } from "../types";

/** What the query thread is started with. */
export interface QueryThreadData {
  /** The store's database file, opened read-only by the thread. */
  path: string;
}

/** One panel query, posted to the query thread. */
export interface QueryRequest {
  id: number;
  endpoint: DiscoveredEndpoint;
  query: PanelQuery;
}

/** The thread's answer to request `id`: the response, or the message of what it threw. */
export type QueryReply = { id: number; response: SeriesResponse } | { id: number; error: string };
