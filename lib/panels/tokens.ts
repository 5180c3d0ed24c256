import type { SeriesWindows } from "@/lib/store/windows";
import type { CanonicalMetric } from "@/lib/model/canonical";
import { foldToOne, toSeries } from "@/lib/query/panel-context";
import { ratePerSecond } from "@/lib/query/window-math";
import { endpointUsageStatement, rowsByBucket } from "@/lib/backends/usage/plan";
import { toPoints } from "@/lib/time/grid";
import { fixed, queries } from "@/lib/backends/prometheus/plan";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED } from "./self-hosted-families";

const COUNTERS = [
  { name: "prompt", metric: "prompt_tokens_total" },
  { name: "generation", metric: "generation_tokens_total" },
] as const satisfies readonly { name: string; metric: CanonicalMetric }[];

/** Prompt and generated tokens per second: counter rates summed over replicas, as requests are. */
export const tokensPlans: PanelPlans = {
  reads: COUNTERS.map(({ metric }) => metric),
  embedded(ctx) {
    if (!COUNTERS.some(({ metric }) => ctx.metrics.has(metric))) return null;
    const rate = (windows: SeriesWindows) => ratePerSecond(windows, ctx.query.stepMs);
    return { series: COUNTERS.map(({ name, metric }) => toSeries(ctx, name, {}, foldToOne(ctx, metric, rate, "sum"))) };
  },
  promql: {
    // Both are answered, a server counting one kind answering the other as gaps, as in the store.
    openmetrics: (ctx) =>
      queries(
        COUNTERS.map(({ name, metric }) => ({
          expr: `sum(${SELF_HOSTED[metric](ctx, ctx.rateOver)})`,
          naming: fixed(name),
        })),
        { always: COUNTERS.map(({ name }) => ({ name, labels: {} })) },
      ),
  },
  // Pay-per-token usage: input tokens are the prompt, output tokens the generation; null without a row.
  usage: (ctx) => ({
    statement: endpointUsageStatement(ctx, [], {
      prompt: "sum(u.input_token_count)",
      generation: "sum(u.output_token_count)",
    }),
    toSeries(rows) {
      const buckets = rowsByBucket(rows, ctx.times.length);
      const stepS = ctx.query.stepMs / 1000;
      return COUNTERS.map(({ name }) => {
        const values = ctx.times.map((_, k) => {
          const row = buckets.get(k)?.[0];
          return row ? Number(row[name] ?? 0) / stepS : null;
        });
        return { name, labels: {}, points: toPoints(ctx.times, values) };
      });
    },
  }),
};
