/**
 * Once per server process (Node runtime only; the edge runtime has neither sockets nor SQLite):
 * guards every request before Next sees it, then starts the collector.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestGuard } = await import("@/lib/security/request-guard");
  installRequestGuard();
  const { startRuntime } = await import("@/lib/server/runtime");
  try {
    await startRuntime();
  } catch (error) {
    // A server without its store would answer 500 on every route: stop, and say why.
    console.error(`servescope: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
