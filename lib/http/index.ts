export { DEFAULT_HTTP_OPTIONS, fetchUpstream } from "./fetch-upstream";
export type { HttpOptions, UpstreamRequest, UpstreamResponse } from "./fetch-upstream";
export { joinUrl } from "./url";
export { redactSecret, UpstreamError } from "./upstream-error";
export { parseJsonResponse, tryParseJson } from "./parse-json";
