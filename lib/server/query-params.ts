import "server-only";
import type { z } from "zod";
import { QueryRangeError, resolveRangeBounds } from "@/lib/query";
import { ApiProblem } from "./api-response";

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid query";
  if (issue.code === "unrecognized_keys") return `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  const field = issue.path.join(".");
  return field ? `parameter "${field}": ${issue.message}` : issue.message;
}

/** A query string read through its schema; 400 naming the first bad parameter otherwise. */
export function parseQueryParams<T extends z.ZodType>(schema: T, search: URLSearchParams): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(search));
  if (!parsed.success) throw new ApiProblem(400, "bad_parameter", describe(parsed.error));
  return parsed.data;
}

/** `from`/`to` resolved as every ranged route resolves them (last hour by default); 400 for a bad range. */
export function resolveRangeParams(params: { from?: number; to?: number }, nowMs: number) {
  try {
    return resolveRangeBounds(params, nowMs);
  } catch (error) {
    if (error instanceof QueryRangeError) throw new ApiProblem(400, "bad_parameter", error.message);
    throw error;
  }
}
