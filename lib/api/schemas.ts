import { z } from "zod";
import { MetricsAvailabilitySchema, ModelInfoSchema, ProviderSchema, ScalingSchema } from "@/lib/model/endpoint";
import { EventKindSchema } from "@/lib/model/endpoint-change";
import { LogSeveritySchema } from "@/lib/model/log-severity";
import { GroupBySchema, PanelSchema, ViewSchema, type PanelId } from "@/lib/panels/catalog";
import { HOUR_MS, MAX_RANGE_MS } from "@/lib/time/horizons";

/**
 * The public HTTP API (DESIGN.md, "Public HTTP API"), shared by the route handlers (which parse
 * their input and output with these) and the browser (which parses every response with them).
 * Times are milliseconds since the epoch.
 */

export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const ScrapeOutcomeSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  /** What was kept back: series over a limit, samples not stored yet, a deferred next scrape. */
  warnings: z.array(z.string()).optional(),
  /** The next scrape waits until then, as the upstream's Retry-After asked. */
  deferredUntil: z.number().optional(),
});
export type ScrapeOutcome = z.infer<typeof ScrapeOutcomeSchema>;

export const PointSchema = z.tuple([z.number(), z.number().nullable()]);
export type Point = z.infer<typeof PointSchema>;

/**
 * Values on a regular grid, the k-th at `fromMs + k·stepMs`: the fleet's sparklines, a thousand of
 * them in one answer, without a timestamp per value (half the bytes, a tenth of the parsing).
 */
export const SparklineSchema = z.object({
  fromMs: z.number(),
  stepMs: z.number().positive(),
  values: z.array(z.number().nullable()),
});
export type Sparkline = z.infer<typeof SparklineSchema>;

/** Headline figures over the last 5 minutes; null where the platform does not report them. */
export const HeadlineSchema = z.object({
  /** Requests per second. */
  requestRate: z.number().nullable(),
  /** Share of requests answered 5xx, 0–1. */
  errorRate: z.number().nullable(),
  p99Ms: z.number().nullable(),
  cpuPct: z.number().nullable(),
  /** Time to first token, p95 (LLM servers). */
  ttftP95Ms: z.number().nullable(),
  /** Prompt and generated tokens per second together (LLM servers). */
  tokenRate: z.number().nullable(),
});
export type Headline = z.infer<typeof HeadlineSchema>;

export const EndpointSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  provider: ProviderSchema,
  name: z.string(),
  state: z.string(),
  metrics: MetricsAvailabilitySchema,
  model: ModelInfoSchema,
  lastScrape: ScrapeOutcomeSchema.nullable(),
  headline: HeadlineSchema,
  /** Why the headline figures are null although the endpoint has metrics (e.g. Prometheus unreachable). */
  headlineError: z.string().optional(),
  /** Total request rate over the last hour, one point a minute (empty without metrics). */
  sparkline: SparklineSchema.optional(),
  /** Where the headline figures come from when not from metrics (pay-per-token usage tables). */
  headlineSource: z.string().optional(),
});
export type EndpointSummary = z.infer<typeof EndpointSummarySchema>;

export const EndpointListSchema = z.object({ endpoints: z.array(EndpointSummarySchema) });
export type EndpointList = z.infer<typeof EndpointListSchema>;

export const ReplicaSchema = z.object({
  id: z.string(),
  /** Latest known state: pending, initializing, running, gone (or the platform's word). */
  state: z.string(),
  firstSeen: z.number(),
  lastSeen: z.number(),
});
export type Replica = z.infer<typeof ReplicaSchema>;

export const EndpointDetailSchema = EndpointSummarySchema.extend({
  replicas: z.array(ReplicaSchema),
  scaling: ScalingSchema,
  /** The dashboard views it has something for: an optional one (llm) only once it reports one of its panels. */
  views: z.array(ViewSchema),
});
export type EndpointDetail = z.infer<typeof EndpointDetailSchema>;

export { GroupBySchema, PanelSchema, type GroupBy } from "@/lib/panels/catalog";
export type Panel = PanelId;

/** How several raw points collapse into one step when downsampling. */
export const DownsampleSchema = z.enum(["avg", "max"]);
export type Downsample = z.infer<typeof DownsampleSchema>;

/** Bounds on what one series query may ask for. */
export const SERIES_LIMITS = {
  maxRangeMs: MAX_RANGE_MS,
  minStepMs: 1000,
  maxPointsPerSeries: 1000,
  defaultRangeMs: HOUR_MS,
  /** A chart wider than this gets no more points (the point cap applies first anyway). */
  maxWidthPx: 10_000,
  /** Series in one answer: past it, the smallest are folded together (see `capSeries`). */
  maxSeriesPerAnswer: 50,
} as const;

/** The latest time a query may name: the last millisecond a Date can hold. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * A whole number as a query string carries it: decimal digits only, within bounds.
 * z.coerce.number() would read "" as 0, "0x10" as 16 and "1e3" as 1000 (STYLE.md, "Numbers").
 */
function wholeNumberParam(unit: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, `must be a whole number of ${unit}, in decimal digits`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

const epochMs = wholeNumberParam("milliseconds", 0, MAX_EPOCH_MS);

/** Query string of GET /api/endpoints/{id}/series, before defaults are resolved. */
export const SeriesQueryParamsSchema = z
  .object({
    panel: PanelSchema,
    from: epochMs.optional(),
    to: epochMs.optional(),
    step: wholeNumberParam("milliseconds", SERIES_LIMITS.minStepMs, SERIES_LIMITS.maxRangeMs).optional(),
    /** The chart's plot width in pixels: the server picks about one point per pixel. */
    width: wholeNumberParam("pixels", 1, SERIES_LIMITS.maxWidthPx).optional(),
    replica: z.string().min(1).max(200).optional(),
    by: GroupBySchema.optional(),
    agg: DownsampleSchema.optional(),
  })
  .strict();
export type SeriesQueryParams = z.infer<typeof SeriesQueryParamsSchema>;

export const SeriesSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  points: z.array(PointSchema),
});
export type Series = z.infer<typeof SeriesSchema>;

/** Where a panel's numbers come from, and how recent the newest of them is. */
export const DataSourceSchema = z.object({
  /** What a person reads under the chart title, e.g. "system.serving.endpoint_usage". */
  label: z.string(),
  /** How far behind real time the source usually is (system tables: minutes). */
  lagNote: z.string().optional(),
  /** The time of the newest row the answer used; absent when it used none. */
  asOfMs: z.number().optional(),
});
export type DataSource = z.infer<typeof DataSourceSchema>;

export const SeriesResponseSchema = z.object({
  panel: PanelSchema,
  unit: z.string(),
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  series: z.array(SeriesSchema),
  /** Present when the platform does not report this panel: the reason, shown instead of a chart. */
  notReported: z.string().optional(),
  /** Non-fatal notes from the backend (e.g. Prometheus warnings). */
  warnings: z.array(z.string()).optional(),
  /** Where the numbers come from, when not from the endpoint's own metrics. */
  source: DataSourceSchema.optional(),
});
export type SeriesResponse = z.infer<typeof SeriesResponseSchema>;

/** A sample value as JSON can carry it: NaN and ±Inf are legal in expositions. */
export const SampleValueSchema = z.union([z.number(), z.enum(["NaN", "+Inf", "-Inf"])]);

export const SnapshotSchema = z.object({
  endpointId: z.string(),
  at: z.number(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  bytes: z.number().int(),
  format: z.enum(["openmetrics", "prometheus"]).nullable(),
  parseErrors: z.array(z.object({ line: z.number(), column: z.number(), message: z.string() })),
  families: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      unit: z.string().nullable(),
      help: z.string().nullable(),
      samples: z.array(
        z.object({
          name: z.string(),
          labels: z.record(z.string(), z.string()),
          value: SampleValueSchema,
          timestampMs: z.number().nullable(),
        }),
      ),
    }),
  ),
  /** The same scrape mapped onto the canonical series. */
  normalized: z.array(
    z.object({
      metric: z.string(),
      labels: z.record(z.string(), z.string()),
      value: z.number(),
      timestampMs: z.number(),
    }),
  ),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const HealthStatusSchema = z.enum(["ok", "degraded"]);

/** What GET /api/health tells a caller who has not signed in while sign-in is required: liveness only. */
export const LivenessSchema = z.object({ status: HealthStatusSchema }).strict();

export const HealthDetailSchema = z.object({
  status: HealthStatusSchema,
  /** Why the status is "degraded", one sentence each; empty when "ok". */
  reasons: z.array(z.string()),
  mode: z.enum(["embedded", "prometheus"]),
  demo: z.boolean(),
  collector: z.object({
    running: z.boolean(),
    startedAt: z.number().nullable(),
    sources: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        lastDiscovery: z
          .object({ at: z.number(), ok: z.boolean(), error: z.string().nullable(), endpoints: z.number() })
          .nullable(),
      }),
    ),
    endpoints: z.number(),
    eligible: z.number(),
    scrapes: z.number(),
    scrapeFailures: z.number(),
    inFlight: z.number(),
    /** Scrapes on their way to the store; counts since the process started. */
    writes: z.object({
      pendingScrapes: z.number(),
      pendingSamples: z.number(),
      failingSince: z.number().nullable(),
      lastFlushAt: z.number().nullable(),
      lastFlushError: z.string().nullable(),
      droppedSamples: z.number(),
      droppedScrapes: z.number(),
    }),
    seriesLimitDroppedSamples: z.number(),
    deferredEndpoints: z.number(),
  }),
  /** Bytes in use by the embedded store; null when it cannot be read. */
  store: z.object({ bytes: z.number().nullable() }),
});
export type HealthDetail = z.infer<typeof HealthDetailSchema>;

/** Full detail for a signed-in caller (or when no sign-in is configured), liveness for anyone else. */
export const HealthSchema = z.union([HealthDetailSchema, LivenessSchema]);
export type Health = z.infer<typeof HealthSchema>;

/** Rows one logs answer may hold. */
export const LOGS_LIMITS = { defaultRows: 100, maxRows: 500, maxQueryLength: 200 } as const;

/** Query string of GET /api/endpoints/{id}/logs; `before` is the previous answer's `nextBefore`. */
export const LogsQueryParamsSchema = z
  .object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    /** The lowest level shown: ERROR shows ERROR and FATAL. */
    severity: LogSeveritySchema.optional(),
    /** Case-insensitive text the body contains (no wildcards: `%` and `_` are plain characters). */
    q: z.string().min(1).max(LOGS_LIMITS.maxQueryLength).optional(),
    limit: wholeNumberParam("rows", 1, LOGS_LIMITS.maxRows).optional(),
    before: z.string().min(1).max(400).optional(),
  })
  .strict();
export type LogsQueryParams = z.infer<typeof LogsQueryParamsSchema>;

export const LogRowSchema = z.object({
  timeMs: z.number(),
  severity: LogSeveritySchema,
  body: z.string(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  /** Flat: nested values as JSON text. */
  attributes: z.record(z.string(), z.string()),
});
export type LogRow = z.infer<typeof LogRowSchema>;

export const LogsSourceSchema = z.object({
  /** An endpoint telemetry table (SQL), or the served model's service logs (REST). */
  kind: z.enum(["table", "service"]),
  label: z.string(),
});
export type LogsSource = z.infer<typeof LogsSourceSchema>;

export const LogsResponseSchema = z.object({
  /** Null when the endpoint has no logs source: `notConfigured` says what would give it one. */
  source: LogsSourceSchema.nullable(),
  from: z.number(),
  to: z.number(),
  /** Newest first. */
  logs: z.array(LogRowSchema),
  /** More rows match than were sent: ask again with `before: nextBefore`. */
  truncated: z.boolean(),
  nextBefore: z.string().optional(),
  notConfigured: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type LogsResponse = z.infer<typeof LogsResponseSchema>;

/** Events one answer may hold (the newest are kept). */
export const EVENTS_LIMIT = 1000;

export const EventsQueryParamsSchema = z.object({ from: epochMs.optional(), to: epochMs.optional() }).strict();
export type EventsQueryParams = z.infer<typeof EventsQueryParamsSchema>;

export const ChangeEventSchema = z.object({ atMs: z.number(), kind: EventKindSchema, text: z.string() });
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

export const EventsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** Oldest first. */
  events: z.array(ChangeEventSchema),
  /** More than EVENTS_LIMIT events fell in the range: the oldest were left out. */
  truncated: z.boolean(),
});
export type EventsResponse = z.infer<typeof EventsResponseSchema>;
