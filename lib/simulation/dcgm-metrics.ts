import { familyHeader, formatLabels } from "./exposition";
import { engineGaugesOf, type EngineGauges } from "./llm-gauges";
import { plateauOf } from "./plateau";
import { replicaRenderer } from "./replica-renderer";
import { hash32 } from "./random";

/** A stable GPU UUID in nvidia-smi's shape ("GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e"). */
function gpuUuid(...parts: Array<string | number>): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      hash32(...parts, i)
        .toString(16)
        .padStart(8, "0"),
    )
    .join("");
  return `GPU-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The exporter's families (HELP as in the real capture) and how each prints: DCGM gives %d or %f. */
const FAMILIES: ReadonlyArray<{ name: string; help: string; value: (g: EngineGauges, memoryMiB: number) => string }> = [
  { name: "DCGM_FI_DEV_GPU_TEMP", help: "GPU temperature (in C).", value: (g) => String(g.temperatureC) },
  { name: "DCGM_FI_DEV_POWER_USAGE", help: "Power draw (in W).", value: (g) => g.powerW.toFixed(6) },
  { name: "DCGM_FI_DEV_GPU_UTIL", help: "GPU utilization (in %).", value: (g) => String(g.gpuUtilPercent) },
  {
    name: "DCGM_FI_DEV_MEM_COPY_UTIL",
    help: "Memory utilization (in %).",
    value: (g) => String(Math.round(g.gpuUtilPercent * 0.6)),
  },
  {
    name: "DCGM_FI_DEV_FB_FREE",
    help: "Framebuffer memory free (in MiB).",
    // The driver keeps a few hundred MiB for itself (FB_RESERVED).
    value: (g, memoryMiB) => String(memoryMiB - g.fbUsedMiB - 395),
  },
  { name: "DCGM_FI_DEV_FB_USED", help: "Framebuffer memory used (in MiB).", value: (g) => String(g.fbUsedMiB) },
];

/**
 * What a replica's DCGM exporter (`gpuUrl`) answers at `atMs`: one series per GPU, each GPU running one
 * of the replica's engines, in Prometheus text 0.0.4. Null for a replica without one.
 */
export const renderDcgmMetrics = replicaRenderer(
  ({ replica }) => replica.dcgm,
  ({ server, replica }, atMs, options) => {
    const gpus = Array.from({ length: replica.engines }, (_, gpu) => ({
      labels: formatLabels({
        gpu: String(gpu),
        UUID: gpuUuid(server.name, replica.id, gpu),
        device: `nvidia${gpu}`,
        modelName: server.gpu.model,
        Hostname: replica.id,
        DCGM_FI_DRIVER_VERSION: server.gpu.driver,
      }),
      gauges: engineGaugesOf(server, replica, gpu, plateauOf(atMs), options.anchorMs),
    }));
    const lines: string[] = [];
    for (const { name, help, value } of FAMILIES) {
      lines.push(...familyHeader(name, "gauge", help));
      for (const gpu of gpus) lines.push(`${name}${gpu.labels} ${value(gpu.gauges, server.gpu.memoryMiB)}`);
    }
    return `${lines.join("\n")}\n`;
  },
);
