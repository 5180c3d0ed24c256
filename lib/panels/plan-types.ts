import type { PromPlanner } from "@/lib/backends/prometheus/plan";
import type { UsagePlanner } from "@/lib/backends/usage/plan";
import type { CanonicalMetric } from "@/lib/model/canonical";
import type { Provider } from "@/lib/model/endpoint";
import type { PanelContext, PanelResult } from "@/lib/query/panel-context";

/** The server half of a registry entry: how each backend answers the panel. */
export interface PanelPlans {
  /**
   * The canonical metrics `embedded` answers from: it sees no others, and an endpoint reporting
   * one of them reports the panel. Empty for a panel drawn from replica presence and scaling bounds.
   */
  reads: readonly CanonicalMetric[];
  /** From the embedded store's windows; null when the endpoint never reported what the panel needs. */
  embedded: (ctx: PanelContext) => PanelResult;
  /** PromQL over each platform's own metric names; a provider without a planner does not report the panel. */
  promql: Partial<Record<Provider, PromPlanner>>;
  /** SQL over system.serving usage tables (pay-per-token endpoints); absent where those hold nothing for it. */
  usage?: UsagePlanner;
}
