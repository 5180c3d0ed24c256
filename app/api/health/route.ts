import { HealthSchema } from "@/lib/api/schemas";
import { handle, jsonResponse } from "@/lib/server/api-response";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handle(() => {
    const runtime = getRuntime();
    return jsonResponse(HealthSchema, {
      status: "ok",
      mode: runtime.config.prometheusUrl ? "prometheus" : "embedded",
      demo: runtime.config.demo,
      collector: runtime.collector.state(),
      store: { bytes: runtime.store.sizeBytes() },
    });
  });
}
