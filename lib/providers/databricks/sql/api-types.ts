import "server-only";
import { z } from "zod";
import { tryParseJson } from "@/lib/http";

/**
 * The JSON of the Databricks SQL Statement Execution API (`/api/2.0/sql/statements`), with its
 * official field names. Objects strip unknown fields; what Databricks may leave out is optional.
 */
export const STATEMENT_STATES = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "CLOSED"] as const;
export const StatementStateSchema = z.enum(STATEMENT_STATES);
export type StatementState = z.infer<typeof StatementStateSchema>;

const ServiceErrorSchema = z.object({ error_code: z.string().nullish(), message: z.string().nullish() });

export const StatementStatusSchema = z.object({
  state: StatementStateSchema,
  error: ServiceErrorSchema.nullish(),
  sql_state: z.string().nullish(),
});

export const ColumnInfoSchema = z.object({
  name: z.string(),
  type_name: z.string(),
  type_text: z.string().nullish(),
  position: z.number().int().nonnegative(),
  type_precision: z.number().int().nullish(),
  type_scale: z.number().int().nullish(),
});
export type ColumnInfo = z.infer<typeof ColumnInfoSchema>;

export const ResultManifestSchema = z.object({
  format: z.string().nullish(),
  schema: z.object({
    column_count: z.number().int().nullish(),
    columns: z
      .array(ColumnInfoSchema)
      .nullish()
      .transform((columns) => columns ?? []),
  }),
  total_chunk_count: z.number().int().nonnegative().nullish(),
  chunks: z
    .array(z.object({ chunk_index: z.number().int(), row_offset: z.number().int(), row_count: z.number().int() }))
    .nullish(),
  total_row_count: z.number().int().nullish(),
  truncated: z.boolean().nullish(),
});
export type ResultManifest = z.infer<typeof ResultManifestSchema>;

/** One chunk of an INLINE JSON_ARRAY result: every non-null value is a string. */
export const ResultDataSchema = z.object({
  chunk_index: z.number().int().nonnegative().nullish(),
  row_offset: z.number().int().nonnegative().nullish(),
  row_count: z.number().int().nonnegative().nullish(),
  data_array: z
    .array(z.array(z.string().nullable()))
    .nullish()
    .transform((rows) => rows ?? []),
  next_chunk_index: z.number().int().nonnegative().nullish(),
  next_chunk_internal_link: z.string().nullish(),
});
export type ResultData = z.infer<typeof ResultDataSchema>;

export const StatementResponseSchema = z.object({
  statement_id: z.string().min(1),
  status: StatementStatusSchema,
  manifest: ResultManifestSchema.nullish(),
  result: ResultDataSchema.nullish(),
});
export type StatementResponse = z.infer<typeof StatementResponseSchema>;

export const StatementParameterSchema = z.object({
  name: z.string().min(1),
  /** Absent for NULL. */
  value: z.string().optional(),
  /** A SQL type such as STRING, BIGINT, TIMESTAMP; STRING when absent. */
  type: z.string().optional(),
});
export type StatementParameter = z.infer<typeof StatementParameterSchema>;

/** The body of `POST /api/2.0/sql/statements` (shared with the fake warehouse, which validates it). */
export const ExecuteStatementRequestSchema = z.object({
  statement: z.string().min(1),
  warehouse_id: z.string().min(1),
  wait_timeout: z.string().regex(/^\d+s$/),
  on_wait_timeout: z.enum(["CONTINUE", "CANCEL"]).optional(),
  format: z.enum(["JSON_ARRAY", "ARROW_STREAM", "CSV"]).optional(),
  disposition: z.enum(["INLINE", "EXTERNAL_LINKS"]).optional(),
  parameters: z.array(StatementParameterSchema).optional(),
  row_limit: z.number().int().positive().optional(),
  byte_limit: z.number().int().positive().optional(),
});
export type ExecuteStatementRequest = z.infer<typeof ExecuteStatementRequestSchema>;

/** "ERROR_CODE: message" from a Databricks error body (4xx/5xx), or null when the body is not one. */
export function readStatementErrorMessage(body: string): string | null {
  const parsed = ServiceErrorSchema.safeParse(tryParseJson(body));
  if (!parsed.success) return null;
  const { error_code: code, message } = parsed.data;
  if (code && message) return `${code}: ${message}`;
  return message ?? code ?? null;
}
