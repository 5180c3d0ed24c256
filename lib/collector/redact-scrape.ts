import "server-only";
import type { Redactor } from "@/lib/http/redact";
import type { ScrapeResult } from "@/lib/providers/types";

function redactLabels(labels: Record<string, string>, redact: Redactor): Record<string, string> {
  for (const name in labels) {
    const value = labels[name] as string;
    if (redact(name) !== name || redact(value) !== value) {
      return Object.fromEntries(Object.entries(labels).map(([n, v]) => [redact(n), redact(v)]));
    }
  }
  return labels;
}

/**
 * The scrape with every credential the upstream echoed back replaced (label names and values,
 * help text, messages), so neither the snapshot, the store nor /metrics can show it. Objects
 * without one are reused as they are: the common case costs one regular-expression test per string.
 */
export function redactScrape<
  T extends Pick<ScrapeResult, "error" | "parseErrors" | "samples" | "families" | "replicas">,
>(result: T, redact: Redactor): T {
  return {
    ...result,
    error: result.error === null ? null : redact(result.error),
    parseErrors: result.parseErrors.map((issue) => {
      const message = redact(issue.message);
      return message === issue.message ? issue : { ...issue, message };
    }),
    samples: result.samples.map((sample) => {
      const labels = redactLabels(sample.labels, redact);
      return labels === sample.labels ? sample : { ...sample, labels: labels as typeof sample.labels };
    }),
    replicas: result.replicas.map((replica) => {
      const id = redact(replica.id);
      return id === replica.id ? replica : { ...replica, id };
    }),
    families: result.families.map((family) => {
      const samples = family.samples.map((sample) => {
        const labels = redactLabels(sample.labels, redact);
        const name = redact(sample.name);
        return labels === sample.labels && name === sample.name ? sample : { ...sample, name, labels };
      });
      const help = family.help === null ? null : redact(family.help);
      return { ...family, name: redact(family.name), help, samples };
    }),
  };
}
