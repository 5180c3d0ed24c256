import type { Panel } from "../../../lib/api/schemas";
import { dbx, hf } from "./history";

/** Each panel as the PromQL that answers it, for a selector and a window. */
export const PANELS: Array<{
  endpoint: typeof hf | typeof dbx;
  panel: Panel;
  promql: (sel: string, w: string) => string[];
}> = [
  {
    endpoint: hf,
    panel: "requests",
    promql: (s, w) => [
      `sum by (class) (label_replace(rate(requests_total{${s}}[${w}]), "class", "\${1}xx", "code", "(.).."))`,
    ],
  },
  {
    endpoint: hf,
    panel: "latency",
    promql: (s, w) => [`avg by (quantile) (avg_over_time(latency_quantile_ms{${s}}[${w}]))`],
  },
  { endpoint: hf, panel: "pending", promql: (s, w) => [`sum(avg_over_time(pending_requests{${s}}[${w}]))`] },
  {
    endpoint: hf,
    panel: "replicas",
    promql: (s, w) => [`count(count by (replica) (count_over_time(cpu_percent{${s}}[${w}])))`],
  },
  ...(["cpu", "memory", "gpu", "vram"] as const).map((panel) => ({
    endpoint: hf,
    panel,
    promql: (s: string, w: string) => [`avg(avg_over_time(${panel}_percent{${s}}[${w}]))`],
  })),
  {
    endpoint: dbx,
    panel: "requests",
    promql: (s, w) => [`sum by (class) (avg_over_time(requests_per_minute{${s}}[${w}])) / 60`],
  },
  {
    endpoint: dbx,
    panel: "latency",
    promql: (s, w) =>
      ["0.5", "0.9", "0.95", "0.99"].map(
        (q) => `histogram_quantile(${q}, sum by (le) (sum_over_time(latency_bucket_ms{${s}}[${w}])))`,
      ),
  },
  { endpoint: dbx, panel: "cpu", promql: (s, w) => [`avg(avg_over_time(cpu_percent{${s}}[${w}]))`] },
  {
    endpoint: dbx,
    panel: "concurrency",
    promql: (s, w) => [`sum(avg_over_time(provisioned_concurrency{${s}}[${w}]))`],
  },
];
