/**
 * Once per server process (Node runtime only; the edge runtime has neither sockets nor SQLite):
 * guards every request before Next sees it, then starts the collector.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestGuard } = await import("@/lib/security/request-guard");
  installRequestGuard();
  const { startRuntime } = await import("@/lib/server/runtime");
  await startRuntime();
}
