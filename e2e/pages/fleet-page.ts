import type { Locator, Page } from "@playwright/test";
import { waitForHydration } from "../hydration";

export class FleetPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly provider: Locator;
  readonly state: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Endpoints" });
    this.rows = this.table.locator("tbody tr[data-endpoint-id]");
    this.search = page.getByRole("searchbox", { name: "Search" });
    this.provider = page.getByRole("combobox", { name: "Provider" });
    this.state = page.getByRole("combobox", { name: "State" });
  }

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.rows.first().waitFor();
    // The rows arrive as HTML; sorting, filtering and in-app links wait for the scripts.
    await waitForHydration(this.page, "tbody tr[data-endpoint-id]");
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  async names(): Promise<string[]> {
    return this.rows.locator("a").allTextContents();
  }

  async sortBy(column: string): Promise<void> {
    await this.table.getByRole("columnheader", { name: column }).getByRole("button").click();
  }
}
