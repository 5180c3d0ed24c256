import type { z } from "zod";
import type { UpstreamResponse } from "./fetch-upstream";
import { UpstreamError } from "./upstream-error";

/** JSON.parse without throwing: undefined when the text is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Validates an upstream JSON body; a body of another shape is an UpstreamError naming the first bad field. */
export function parseJsonResponse<T extends z.ZodType>(response: UpstreamResponse, schema: T, url: string): z.infer<T> {
  const host = new URL(url).host;
  const json = tryParseJson(response.text);
  if (json === undefined) throw new UpstreamError(`unexpected response from ${host}: not JSON`, response.status);
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new UpstreamError(`unexpected response from ${host}: ${issue?.message ?? "invalid"}${where}`, response.status);
}
