import type { Downsample, EndpointSummary, GroupBy, Panel, SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { QuantileName } from "@/lib/panels/quantiles";

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
  /** Latency-like panels: only these quantiles, in QUANTILES order (the fleet's headline needs one); all by default. */
  quantiles?: readonly QuantileName[];
}

/**
 * Answers panel queries for one endpoint. Implemented by the embedded SQLite store and by the
 * Prometheus-compatible backend, with the same panels, units and series names.
 */
export interface SeriesBackend {
  queryPanel(endpoint: DiscoveredEndpoint, query: PanelQuery): Promise<SeriesResponse>;
}

/** What a fleet row shows of an endpoint with metrics: its headline figures, and the sparkline if asked. */
export type EndpointFigures = Pick<EndpointSummary, "headline" | "sparkline">;

/**
 * Computes an endpoint's figures. The embedded store's query threads compute them beside the data
 * and post back the figures alone, not the six panel answers they are made of.
 */
export interface FiguresBackend {
  figures(endpoint: DiscoveredEndpoint, nowMs: number, withSparkline: boolean): Promise<EndpointFigures>;
}
