/** Starts the collector once per server process (Node runtime only; the edge runtime has no SQLite). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRuntime } = await import("@/lib/server/runtime");
  await startRuntime();
}
