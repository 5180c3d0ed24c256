import "server-only";
import { z } from "zod";
import { tryParseJson } from "@/lib/http";

/** The raw JSON of the Inference Endpoints API; unknown fields are ignored, optional ones may be null. */
const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();

export const HuggingFaceEndpointSchema = z.object({
  name: z.string().min(1),
  type: optionalString,
  provider: z.object({ vendor: optionalString, region: optionalString }).nullish(),
  compute: z
    .object({
      accelerator: optionalString,
      instanceType: optionalString,
      instanceSize: optionalString,
      scaling: z
        .object({ minReplica: optionalNumber, maxReplica: optionalNumber, scaleToZeroTimeout: optionalNumber })
        .nullish(),
    })
    .nullish(),
  model: z
    .object({ repository: optionalString, revision: optionalString, task: optionalString, framework: optionalString })
    .nullish(),
  status: z.object({
    state: z.string().min(1),
    message: optionalString,
    readyReplica: optionalNumber,
    targetReplica: optionalNumber,
    /** When the endpoint's configuration last changed (ISO-8601). */
    updatedAt: optionalString,
  }),
});
export type HuggingFaceEndpoint = z.infer<typeof HuggingFaceEndpointSchema>;

export const HuggingFaceEndpointListSchema = z.object({ items: z.array(HuggingFaceEndpointSchema) });

/** The API's error bodies are not documented; accept `{error}` or `{message}`. */
const HuggingFaceErrorSchema = z.object({ error: optionalString, message: optionalString });

export function readHuggingFaceErrorMessage(body: string): string | null {
  const parsed = HuggingFaceErrorSchema.safeParse(tryParseJson(body));
  return parsed.success ? (parsed.data.error ?? parsed.data.message ?? null) : null;
}
