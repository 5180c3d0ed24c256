import "server-only";
import { z } from "zod";

/**
 * The Prometheus HTTP API envelope (`/api/v1/query`, `/api/v1/query_range`, `/api/v1/series`), as
 * Prometheus and VictoriaMetrics send it. Sample values are strings ("NaN", "+Inf" included), times are seconds.
 */
const SampleSchema = z.tuple([z.number(), z.string()]);

const LabelsSchema = z.record(z.string(), z.string());

export const MatrixSeriesSchema = z.object({ metric: LabelsSchema, values: z.array(SampleSchema) });
export type MatrixSeries = z.infer<typeof MatrixSeriesSchema>;

export const VectorSampleSchema = z.object({ metric: LabelsSchema, value: SampleSchema });
export type VectorSample = z.infer<typeof VectorSampleSchema>;

export const QueryDataSchema = z.discriminatedUnion("resultType", [
  z.object({ resultType: z.literal("matrix"), result: z.array(MatrixSeriesSchema) }),
  z.object({ resultType: z.literal("vector"), result: z.array(VectorSampleSchema) }),
  z.object({ resultType: z.literal("scalar"), result: SampleSchema }),
  z.object({ resultType: z.literal("string"), result: SampleSchema }),
]);
export type QueryData = z.infer<typeof QueryDataSchema>;

/** `/api/v1/series`: the label sets of the series that match. */
export const SeriesDataSchema = z.array(LabelsSchema);

const WarningsSchema = z.array(z.string()).optional();

export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("success"), data, warnings: WarningsSchema }),
    z.object({ status: z.literal("error"), errorType: z.string(), error: z.string(), warnings: WarningsSchema }),
  ]);
}
