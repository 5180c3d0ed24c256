import type { Downsample, GroupBy, Panel, SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";

/** One panel query with every default resolved: aligned range, step, grouping. */
export interface PanelQuery {
  panel: Panel;
  /** Inclusive, aligned to stepMs. */
  fromMs: number;
  /** Inclusive, aligned to stepMs. */
  toMs: number;
  stepMs: number;
  /** Restrict to one replica; undefined for all. */
  replica?: string;
  /** requests: "class" (default) | "code"; cpu/memory/gpu/vram: "avg" (default) | "replica". */
  by?: GroupBy;
  /** How raw points collapse into a step; "avg" by default. */
  agg?: Downsample;
}

/**
 * Answers panel queries for one endpoint. Implemented by the embedded SQLite store and by the
 * Prometheus-compatible backend, with the same panels, units and series names.
 */
export interface SeriesBackend {
  queryPanel(endpoint: DiscoveredEndpoint, query: PanelQuery): Promise<SeriesResponse>;
}
