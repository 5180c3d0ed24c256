import type { Page } from "@playwright/test";

/**
 * Waits until React has hydrated the last element `selector` names: server-rendered HTML is on screen
 * before its handlers are, and a click that comes earlier follows the plain link or does nothing.
 * React marks each node it owns with a `__reactFiber$…` key.
 */
export async function waitForHydration(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (target) => {
      const node = [...document.querySelectorAll(target)].at(-1);
      return node !== undefined && Object.keys(node).some((key) => key.startsWith("__reactFiber$"));
    },
    selector,
    { timeout, polling: "raf" },
  );
}
