import type { z } from "zod";
import {
  ApiErrorSchema,
  EndpointDetailSchema,
  EndpointListSchema,
  EventsResponseSchema,
  HealthSchema,
  LogsResponseSchema,
  SeriesResponseSchema,
  type EndpointDetail,
  type EndpointList,
  type EventsResponse,
  type Health,
  type LogsQueryParams,
  type LogsResponse,
  type SeriesQueryParams,
  type SeriesResponse,
} from "@/lib/api/schemas";

/** A failed API call, with the API's own message when it sent one. */
export class ApiRequestError extends Error {
  override name = "ApiRequestError";

  constructor(
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The API's error code (`not_found`, `bad_request`, …) or a transport code. */
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The one way the browser calls the API: never cached, abortable, every body checked against its
 * schema so a drifted server fails loudly here rather than as a broken chart.
 */
export async function fetchApi<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, { cache: "no-store", signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(`Cannot reach the Servescope server (${describe(error)})`, 0, "network");
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const apiError = ApiErrorSchema.safeParse(body);
    if (apiError.success) {
      throw new ApiRequestError(apiError.data.error.message, response.status, apiError.data.error.code);
    }
    throw new ApiRequestError(
      `${path} answered HTTP ${response.status} ${response.statusText}`.trim(),
      response.status,
      "http",
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new ApiRequestError(
      `Unexpected response from ${path}${where}: ${issue?.message ?? "not JSON"}`,
      response.status,
      "schema",
    );
  }
  return parsed.data;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return fetchApi("/api/health", HealthSchema, signal);
}

export const API_PATHS = {
  endpoints: () => "/api/endpoints",
  endpoint: (id: string) => `/api/endpoints/${encodeURIComponent(id)}`,
};

export function getEndpoints(signal?: AbortSignal): Promise<EndpointList> {
  return fetchApi(API_PATHS.endpoints(), EndpointListSchema, signal);
}

export function getEndpoint(id: string, signal?: AbortSignal): Promise<EndpointDetail> {
  return fetchApi(API_PATHS.endpoint(id), EndpointDetailSchema, signal);
}

/** A series query in the API's own parameters (the browser sends its chart width, the server picks the step). */
export type SeriesRequest = SeriesQueryParams & { endpointId: string };

export function getSeries(request: SeriesRequest, signal?: AbortSignal): Promise<SeriesResponse> {
  const { endpointId, ...query } = request;
  return fetchApi(
    `/api/endpoints/${encodeURIComponent(endpointId)}/series?${queryString(query)}`,
    SeriesResponseSchema,
    signal,
  );
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

export function getLogs(endpointId: string, query: LogsQueryParams, signal?: AbortSignal): Promise<LogsResponse> {
  const path = `/api/endpoints/${encodeURIComponent(endpointId)}/logs?${queryString(query)}`;
  return fetchApi(path, LogsResponseSchema, signal);
}

export function getEvents(
  endpointId: string,
  range: { from: number; to: number },
  signal?: AbortSignal,
): Promise<EventsResponse> {
  return fetchApi(
    `/api/endpoints/${encodeURIComponent(endpointId)}/events?${queryString(range)}`,
    EventsResponseSchema,
    signal,
  );
}
