import { HUGGINGFACE_ENDPOINTS, findHuggingFaceEndpoint } from "@/lib/simulation/huggingface-catalog";
import { renderHuggingFaceMetrics } from "@/lib/simulation/huggingface-metrics";
import { toHuggingFaceJson } from "@/lib/simulation/huggingface-state";
import { HUGGINGFACE_CONTENT_TYPE, jsonReply, type Reply } from "./respond";
import type { PlatformAdapter } from "./serve";

/** `/v2/endpoint/{namespace}[/{name}/open-metrics]` → namespace and endpoint name. */
function parsePath(path: string): { namespace: string; name: string | null } | null {
  const match = /^\/v2\/endpoint\/([^/]+)(?:\/([^/]+)\/open-metrics)?$/.exec(path);
  if (!match?.[1]) return null;
  return { namespace: decodeURIComponent(match[1]), name: match[2] ? decodeURIComponent(match[2]) : null };
}

/**
 * A Hugging Face namespace: the endpoint list (state at "now") and each endpoint's OpenMetrics text;
 * `copies` maps extra names to the endpoints they copy.
 */
export function createHuggingFaceAdapter(
  token: string,
  namespace: string,
  now: () => number,
  copies: ReadonlyMap<string, string> = new Map(),
): PlatformAdapter {
  const errorReply = (status: number, message: string, headers: Record<string, string> = {}): Reply =>
    jsonReply(status, { error: message }, headers);
  return {
    platform: "huggingface",
    token,
    endpointOf: (path) => parsePath(path)?.name ?? null,
    errorReply,
    reply(path) {
      const route = parsePath(path);
      if (!route) return errorReply(404, `Not found: ${path}`);
      if (route.namespace !== namespace) return errorReply(403, `No access to namespace ${route.namespace}`);
      const at = now();
      if (route.name === null) {
        const items = HUGGINGFACE_ENDPOINTS.map((def) => toHuggingFaceJson(def, namespace, at));
        for (const [name, of] of copies) {
          const def = findHuggingFaceEndpoint(of);
          if (def) items.push({ ...toHuggingFaceJson(def, namespace, at), name });
        }
        return jsonReply(200, { items });
      }
      const def = findHuggingFaceEndpoint(copies.get(route.name) ?? route.name);
      if (!def) return errorReply(404, `Endpoint ${route.name} not found`);
      const text = renderHuggingFaceMetrics(def.name, at);
      if (text === null) return errorReply(503, `Endpoint ${route.name} has no running replica`);
      return { status: 200, contentType: HUGGINGFACE_CONTENT_TYPE, text };
    },
  };
}
