import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CanonicalMetricSchema, type CanonicalMetric } from "@/lib/model/canonical";
import { PANEL_IDS } from "@/lib/panels/catalog";
import { PANEL_PLANS, reportsPanel } from "@/lib/panels/plans";
import { openStore, type Store } from "@/lib/store/store";
import { createStoreBackend } from "./store-backend";
import { makeEndpoint, sample } from "@/test-support/endpoints";

const T0 = 1_788_717_600_000;
const LABELS = { replica: "r1", code: "200", quantile: "0.5", gpu: "0", class: "all" };

/** What each plan declares reading is exactly what makes the endpoint report the panel. */
describe("the plans' declared metrics", () => {
  let store: Store;
  beforeEach(() => (store = openStore(":memory:")));
  afterEach(() => store.close());

  /** Two scrapes of every metric, each with two buckets (a histogram needs them; other metrics ignore `le`). */
  function reportOnly(endpointId: string, metrics: readonly CanonicalMetric[]) {
    store.writeSamples(
      endpointId,
      metrics.flatMap((metric) =>
        ["10", "+Inf"].flatMap((le) => [1, 2].map((k) => sample(metric, { ...LABELS, le }, k, T0 + k * 15_000))),
      ),
    );
  }

  const declared = PANEL_IDS.filter((panel) => PANEL_PLANS[panel].reads.length > 0);

  it.each(declared)("%s: answered from its own metrics, not reported from every other", async (panel) => {
    const { reads } = PANEL_PLANS[panel];
    const backend = createStoreBackend(store);
    const window = { panel, fromMs: T0 + 60_000, toMs: T0 + 60_000, stepMs: 60_000 };
    const own = makeEndpoint("own", "openmetrics");
    reportOnly(own.id, reads);
    const answered = await backend.queryPanel(own, window);
    expect(answered.notReported).toBeUndefined();
    expect(answered.series.some((s) => s.points.some(([, v]) => v !== null))).toBe(true);

    const others = makeEndpoint("others", "openmetrics");
    reportOnly(
      others.id,
      CanonicalMetricSchema.options.filter((metric) => !reads.includes(metric)),
    );
    expect((await backend.queryPanel(others, window)).notReported).toBe("not reported by this server");
    expect(reportsPanel(panel, store.listMetrics(own.id))).toBe(true);
    expect(reportsPanel(panel, store.listMetrics(others.id))).toBe(false);
  });
});
