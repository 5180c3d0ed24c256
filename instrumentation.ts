/** Starts the collector once per server process (Node runtime only; the edge runtime has no SQLite). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRuntime } = await import("@/lib/server/runtime");
  try {
    await startRuntime();
  } catch (error) {
    // A server without its store would answer 500 on every route: stop, and say why.
    console.error(`servescope: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
