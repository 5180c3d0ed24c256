import { backfillEndpoint, renderedSamplesAt } from "../../../lib/demo/backfill";
import { HUGGINGFACE_CONTENT_TYPE } from "../../../lib/fake-upstreams/respond";
import type { DiscoveredEndpoint } from "../../../lib/model/endpoint";
import { normalizeHuggingFace } from "../../../lib/providers/create";
import { renderHuggingFaceMetrics } from "../../../lib/simulation";
import type { Store } from "../../../lib/store";

/**
 * History for fleet endpoints that copy `copyOf`, through the demo's backfill (the simulation's text at
 * past instants → parser → the Hugging Face normalizer → store). Returns the samples written.
 */
export function backfillCopies(
  store: Store,
  endpoints: readonly DiscoveredEndpoint[],
  copyOf: string,
  range: { fromMs: number; toMs: number },
): number {
  const samplesAt = renderedSamplesAt((atMs) => {
    const text = renderHuggingFaceMetrics(copyOf, atMs);
    return text === null ? null : { text, contentType: HUGGINGFACE_CONTENT_TYPE };
  }, normalizeHuggingFace);
  return endpoints.reduce((n, endpoint) => n + backfillEndpoint(store, endpoint, samplesAt, range), 0);
}
