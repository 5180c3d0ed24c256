import "server-only";
import type { z } from "zod";
import { envelopeOf, QueryDataSchema, SeriesDataSchema, type MatrixSeries, type VectorSample } from "./api-types";
import { PrometheusError } from "./prometheus-error";

export interface PrometheusClientOptions {
  /** Base URL of a Prometheus-compatible API, e.g. http://127.0.0.1:9090 (a path prefix is kept). */
  url: string;
  fetch?: typeof fetch;
  /** Per request, body included. */
  timeoutMs?: number;
}

export interface RangeQuery {
  expr: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  signal?: AbortSignal;
}

export interface QueryOutcome<T> {
  result: T;
  /** Non-fatal notes from the engine, passed through to the user. */
  warnings: string[];
}

export interface PrometheusClient {
  queryRange(query: RangeQuery): Promise<QueryOutcome<MatrixSeries[]>>;
  query(expr: string, timeMs: number, signal?: AbortSignal): Promise<QueryOutcome<VectorSample[]>>;
  /** Whether any series matches the selector between the two times: an index lookup, no samples read. */
  hasSeries(selector: string, startMs: number, endMs: number, signal?: AbortSignal): Promise<boolean>;
}

const QueryEnvelopeSchema = envelopeOf(QueryDataSchema);
const SeriesEnvelopeSchema = envelopeOf(SeriesDataSchema);

export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 15_000;

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A sample value string as a finite number; NaN, ±Inf and anything unreadable become null (a gap). */
export function parseSampleValue(text: string): number | null {
  if (!FLOAT.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function toSeconds(ms: number): string {
  return String(ms / 1000);
}

function snippet(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = options.url.endsWith("/") ? options.url : `${options.url}/`;
  const host = new URL(base).host;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS;

  async function call<T extends typeof QueryEnvelopeSchema | typeof SeriesEnvelopeSchema>(
    schema: T,
    path: string,
    params: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<QueryOutcome<Extract<z.infer<T>, { status: "success" }>["data"]>> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    try {
      // POST keeps long PromQL out of URLs and request logs; both Prometheus and VictoriaMetrics accept it.
      const response = await doFetch(new URL(path, base), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams(params).toString(),
        cache: "no-store",
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (timeout.aborted)
        throw new PrometheusError(`Prometheus at ${host} timed out after ${timeoutMs} ms`, "timeout");
      const reason = error instanceof Error ? error.message : String(error);
      throw new PrometheusError(`cannot reach Prometheus at ${host}: ${reason}`, "transport");
    }

    const envelope = schema.safeParse(parseJson(text));
    if (!envelope.success) {
      if (status < 200 || status > 299) {
        throw new PrometheusError(`Prometheus at ${host} answered HTTP ${status}: ${snippet(text)}`, "http", status);
      }
      const issue = envelope.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      throw new PrometheusError(
        `unexpected response from Prometheus at ${host}: ${issue?.message ?? "invalid"}${where}`,
        "invalid-response",
        status,
      );
    }
    const body = envelope.data as z.infer<T>;
    if (body.status === "error") {
      throw new PrometheusError(`Prometheus ${body.errorType}: ${body.error}`, "query", status, body.errorType);
    }
    return { result: body.data as Extract<z.infer<T>, { status: "success" }>["data"], warnings: body.warnings ?? [] };
  }

  function unexpected(expected: string, got: string): PrometheusError {
    return new PrometheusError(
      `unexpected response from Prometheus at ${host}: ${got} instead of ${expected}`,
      "invalid-response",
    );
  }

  return {
    async queryRange({ expr, startMs, endMs, stepMs, signal }) {
      const params = { query: expr, start: toSeconds(startMs), end: toSeconds(endMs), step: toSeconds(stepMs) };
      const { result, warnings } = await call(QueryEnvelopeSchema, "api/v1/query_range", params, signal);
      if (result.resultType !== "matrix") throw unexpected("matrix", result.resultType);
      return { result: result.result, warnings };
    },
    async query(expr, timeMs, signal) {
      const { result, warnings } = await call(
        QueryEnvelopeSchema,
        "api/v1/query",
        { query: expr, time: toSeconds(timeMs) },
        signal,
      );
      if (result.resultType !== "vector") throw unexpected("vector", result.resultType);
      return { result: result.result, warnings };
    },
    async hasSeries(selector, startMs, endMs, signal) {
      const params = { "match[]": selector, start: toSeconds(startMs), end: toSeconds(endMs) };
      const { result } = await call(SeriesEnvelopeSchema, "api/v1/series", params, signal);
      return result.length > 0;
    },
  };
}
