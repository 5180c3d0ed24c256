import "server-only";
import type { z } from "zod";
import type { ApiError } from "@/lib/api/schemas";

/** An error the API answers with: `{ error: { code, message } }` and a fitting status. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ApiError = { error: { code, message } };
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

// A cached answer is sent again as the same (never mutated) object: validated and serialised once.
const serialised = new WeakMap<object, { schema: z.ZodType; text: string }>();

function validatedText(schema: z.ZodType, body: unknown): string {
  if (typeof body !== "object" || body === null) return JSON.stringify(schema.parse(body));
  const known = serialised.get(body);
  if (known?.schema === schema) return known.text;
  const text = JSON.stringify(schema.parse(body));
  serialised.set(body, { schema, text });
  return text;
}

/** Validates what the server is about to send, so the API never drifts from its schema. */
export function jsonResponse<T extends z.ZodType>(schema: T, body: z.input<T>, init?: ResponseInit): Response {
  return new Response(validatedText(schema, body), {
    ...init,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...init?.headers },
  });
}

/** Runs a handler, turning ApiProblem into its JSON error and anything else into a 500 without internals. */
export async function handle(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiProblem) return errorResponse(error.status, error.code, error.message);
    console.error("servescope: unexpected error in a route handler:", error instanceof Error ? error.message : error);
    return errorResponse(500, "internal", "unexpected server error; see the server log");
  }
}
