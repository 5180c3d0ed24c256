import { z } from "zod";
import { UpstreamUrlSchema } from "./upstream-url";

export const TargetNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-'");

/** A replica id is a series label and a URL parameter: no spaces, quotes or slashes. */
const ReplicaIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/, "must be letters, digits, '.', '_', ':' or '-' (at most 63)");

export const OpenMetricsReplicaSchema = z.strictObject({
  id: ReplicaIdSchema.optional(),
  url: UpstreamUrlSchema,
  /** The replica's GPU exporter (DCGM), scraped beside it and merged into its series. */
  gpuUrl: UpstreamUrlSchema.optional(),
});

/** A configured replica with its id resolved: the given one, else the URL's host:port. */
export interface TargetReplica {
  id: string;
  url: string;
  gpuUrl: string | null;
}

type ReplicaInput = z.infer<typeof OpenMetricsReplicaSchema>;

/** The replicas of a target: one for `{ name, url }`, else those listed. */
export function targetReplicas(target: { url?: string; replicas?: readonly ReplicaInput[] }): TargetReplica[] {
  const listed: readonly ReplicaInput[] = target.replicas ?? (target.url === undefined ? [] : [{ url: target.url }]);
  return listed.map((replica) => ({
    id: replica.id ?? new URL(replica.url).host,
    url: replica.url,
    gpuUrl: replica.gpuUrl ?? null,
  }));
}

/**
 * A self-hosted server: `{ name, url }`, or `{ name, replicas: [{ id?, url, gpuUrl? }] }` for several
 * replicas merged into one endpoint. Unknown keys are refused so that a misspelt `gpuUrl` is not ignored.
 */
export const OpenMetricsTargetSchema = z
  .strictObject({
    name: TargetNameSchema,
    url: UpstreamUrlSchema.optional(),
    replicas: z.array(OpenMetricsReplicaSchema).min(1).optional(),
  })
  .superRefine((target, context) => {
    if ((target.url === undefined) === (target.replicas === undefined)) {
      context.addIssue({ code: "custom", message: 'needs "url" or "replicas" (one of them)' });
      return;
    }
    // zod refines even after a field failed: ids come from URLs, so wait until they parse.
    if (!(target.replicas ?? []).every((replica) => URL.canParse(replica.url))) return;
    const seen = new Set<string>();
    targetReplicas(target).forEach(({ id }, index) => {
      if (seen.has(id)) {
        context.addIssue({
          code: "custom",
          path: ["replicas", index, "id"],
          message: `replica id "${id}" is used twice`,
        });
      }
      seen.add(id);
    });
  });
export type OpenMetricsTarget = z.infer<typeof OpenMetricsTargetSchema>;

/** A source's targets: at least one, names distinct in lower case (endpoint ids are the names in lower case). */
export const OpenMetricsTargetsSchema = z
  .array(OpenMetricsTargetSchema)
  .min(1)
  .superRefine((targets, context) => {
    const seen = new Set<string>();
    targets.forEach(({ name }, index) => {
      const key = name.toLowerCase();
      if (seen.has(key))
        context.addIssue({ code: "custom", path: [index, "name"], message: `"${name}" is used twice` });
      seen.add(key);
    });
  });
