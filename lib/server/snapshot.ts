import type { Snapshot } from "@/lib/api/schemas";
import type { ScrapeResult } from "@/lib/providers/types";

function toJsonValue(value: number): Snapshot["families"][number]["samples"][number]["value"] {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return value;
}

/** A live scrape as the snapshot API shows it: every family the upstream sent, unknown ones included. */
export function toSnapshot(result: ScrapeResult): Snapshot {
  return {
    endpointId: result.endpointId,
    at: result.at,
    ok: result.ok,
    status: result.status,
    error: result.error,
    durationMs: result.durationMs,
    bytes: result.bytes,
    format: result.format,
    parseErrors: result.parseErrors,
    families: result.families.map((family) => ({
      ...family,
      samples: family.samples.map((sample) => ({ ...sample, value: toJsonValue(sample.value) })),
    })),
    normalized: result.samples,
  };
}
