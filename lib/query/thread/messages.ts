import type { SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery } from "../types";

/** What the query thread is started with. */
export interface QueryThreadData {
  /** The store's database file, opened read-only by the thread. */
  path: string;
}

/** One panel query; the query thread is posted a list of them. */
export interface QueryRequest {
  id: number;
  endpoint: DiscoveredEndpoint;
  query: PanelQuery;
}

/** The thread's answer to request `id` (posted back as a list): the response, or the message of what it threw. */
export type QueryReply = { id: number; response: SeriesResponse } | { id: number; error: string };
