import { expect, type Locator, type Page } from "@playwright/test";

export type PanelName =
  | "requests"
  | "pending"
  | "latency"
  | "ttft"
  | "itl"
  | "tokens"
  | "concurrency"
  | "replicas"
  | "cpu"
  | "memory"
  | "gpu"
  | "vram"
  | "kv_cache"
  | "prefix_cache"
  | "replica-timeline";

export type ViewName = "Requests" | "Hardware" | "Timeline" | "LLM";

export class EndpointPage {
  readonly replica: Locator;
  readonly zoomOut: Locator;
  readonly stepBack: Locator;

  constructor(readonly page: Page) {
    this.replica = page.getByRole("combobox", { name: "Replica", exact: true });
    this.zoomOut = page.getByRole("button", { name: "Zoom out" });
    this.stepBack = page.getByRole("button", { name: "Step back" });
  }

  async goto(id: string, query = ""): Promise<void> {
    await this.page.goto(`/endpoints/${id}${query}`);
  }

  panel(name: PanelName): Locator {
    return this.page.locator(`section[data-panel="${name}"]`);
  }

  /** The drawn chart (not a skeleton, message or error). */
  chart(name: PanelName): Locator {
    return this.panel(name).locator('[data-state="chart"]');
  }

  async expectDrawn(...names: PanelName[]): Promise<void> {
    for (const name of names) {
      // Attached rather than visible: a flat line has an empty bounding box. Stacked areas have a top line too.
      const curve = this.chart(name).locator("[data-series-line]");
      await expect(curve.first()).toBeAttached();
      await expect(this.panel(name).locator("[data-refetching]")).toHaveCount(0);
    }
  }

  legendEntry(name: PanelName, series: string): Locator {
    return this.panel(name).getByRole("list", { name: "Legend" }).locator(`button[data-series="${series}"]`);
  }

  async legendNames(name: PanelName): Promise<string[]> {
    const buttons = this.panel(name).getByRole("list", { name: "Legend" }).locator("button");
    return buttons.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-series") ?? ""));
  }

  view(name: ViewName): Locator {
    return this.page.getByRole("tab", { name });
  }

  param(key: string): string | null {
    return new URL(this.page.url()).searchParams.get(key);
  }

  /** Every drawn chart's x domain, as the chart reports it. */
  async domains(): Promise<{ from: number; to: number }[]> {
    return this.page.locator('[data-testid="time-series-chart"]').evaluateAll((elements) =>
      elements.map((element) => ({
        from: Number(element.getAttribute("data-from")),
        to: Number(element.getAttribute("data-to")),
      })),
    );
  }

  /** The logs panel under the charts. */
  get logs(): Locator {
    return this.page.locator('section[data-panel="logs"]');
  }

  logRows(): Locator {
    return this.logs.locator("tr[data-log-row]");
  }

  /** A chart's vertical markers of one kind (config, state, replica; log for the picked row). */
  /** A chart's markers of one kind; "group": the handles that nearby markers share. */
  markers(name: PanelName, kind: "config" | "state" | "replica" | "log" | "group"): Locator {
    return this.chart(name).locator(`[data-testid="chart-markers"] [data-marker-kind="${kind}"]`);
  }

  /** A point in a chart's plot area, at a fraction of its width (a third of the way down). */
  private async plotPoint(name: PanelName, fraction: number): Promise<{ x: number; y: number }> {
    const surface = this.chart(name).locator(".recharts-surface").first();
    const box = await surface.boundingBox();
    if (!box) throw new Error(`${name} chart has no box`);
    // The y axis takes the first 52 px; the plot ends 12 px before the right edge.
    return { x: box.x + 56 + fraction * (box.width - 72), y: box.y + box.height / 3 };
  }

  /** Drags across a chart's plot area from one fraction of its width to another. */
  async drag(name: PanelName, fromFraction: number, toFraction: number): Promise<void> {
    const start = await this.plotPoint(name, fromFraction);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    for (let step = 1; step <= 8; step++) {
      const at = await this.plotPoint(name, fromFraction + ((toFraction - fromFraction) * step) / 8);
      await this.page.mouse.move(at.x, at.y);
    }
    await this.page.mouse.up();
  }

  /** Rests the pointer over a chart's plot area. */
  async hover(name: PanelName, fraction: number): Promise<void> {
    const at = await this.plotPoint(name, fraction);
    await this.page.mouse.move(at.x, at.y);
  }
}
