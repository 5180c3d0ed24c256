import { startRuntime } from "@/lib/server/runtime";

/** Runs the collector without the web server, until interrupted. */
export async function runCollect(): Promise<number> {
  const runtime = await startRuntime();
  const state = runtime.collector.state();
  console.log(`collecting from ${state.sources.length} source(s), ${state.eligible} endpoint(s) with metrics`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await runtime.stop();
  return 0;
}
