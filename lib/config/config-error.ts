import type { z } from "zod";

/** A configuration problem; the message names the variable or file at fault. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function fail(where: string, error: z.ZodError): never {
  const first = error.issues[0];
  const path = first && first.path.length > 0 ? `.${first.path.join(".")}` : "";
  throw new ConfigError(`${where}${path}: ${first?.message ?? "invalid value"}`);
}

/** The parsed value, or a ConfigError naming `where` and the field at fault. */
export function parseOrFail<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fail(where, parsed.error);
}
