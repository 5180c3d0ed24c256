import type { LaunchOptions } from "@playwright/test";

/** Debian's Chromium, as root, on a machine with no network beyond loopback (STACK.md, note 9). */
export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
