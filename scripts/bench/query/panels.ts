import type { GroupBy, Panel } from "../../../lib/api/schemas";
import { dbx, hf } from "./history";

/** The panels timed on each side: every panel each platform reports, as the endpoint page asks. */
export const PANELS: Array<{ endpoint: typeof hf | typeof dbx; panel: Panel; by?: GroupBy }> = [
  { endpoint: hf, panel: "requests" },
  { endpoint: hf, panel: "latency" },
  { endpoint: hf, panel: "pending" },
  { endpoint: hf, panel: "replicas" },
  ...(["cpu", "memory", "gpu", "vram"] as const).map((panel) => ({ endpoint: hf, panel })),
  { endpoint: hf, panel: "cpu", by: "replica" },
  { endpoint: dbx, panel: "requests" },
  { endpoint: dbx, panel: "latency" },
  { endpoint: dbx, panel: "cpu" },
  { endpoint: dbx, panel: "gpu", by: "replica" },
  { endpoint: dbx, panel: "concurrency" },
];
