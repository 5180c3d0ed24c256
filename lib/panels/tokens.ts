import type { SeriesWindows } from "@/lib/store/windows";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { foldToOne, toSeries } from "@/lib/query/panel-context";
import { ratePerSecond } from "@/lib/query/window-math";
import type { PanelPlans } from "./plan-types";

const COUNTERS: readonly { name: string; metric: CanonicalMetric }[] = [
  { name: "prompt", metric: "prompt_tokens_total" },
  { name: "generation", metric: "generation_tokens_total" },
];

/** Prompt and generated tokens per second: counter rates summed over replicas, as requests are. */
export const tokensPlans: PanelPlans = {
  reads: COUNTERS.map(({ metric }) => metric),
  embedded(ctx) {
    if (!COUNTERS.some(({ metric }) => ctx.metrics.has(metric))) return null;
    const rate = (windows: SeriesWindows) => ratePerSecond(windows, ctx.query.stepMs);
    return { series: COUNTERS.map(({ name, metric }) => toSeries(ctx, name, {}, foldToOne(ctx, metric, rate, "sum"))) };
  },
  promql: {},
};
