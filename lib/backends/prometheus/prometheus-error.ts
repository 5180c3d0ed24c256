import "server-only";
/** How a Prometheus call failed: the route layer maps `timeout` to 504 and the rest to 502. */
export type PrometheusErrorKind = "timeout" | "transport" | "http" | "invalid-response" | "query";

/** A failed Prometheus API call. `errorType` is the API's own (`bad_data`, `timeout`, …) for `query` errors. */
export class PrometheusError extends Error {
  override name = "PrometheusError";

  constructor(
    message: string,
    readonly kind: PrometheusErrorKind,
    readonly status: number | null = null,
    readonly errorType: string | null = null,
  ) {
    super(message);
  }
}
