import { startRuntime } from "@/lib/server/runtime";

/** Runs the collector without the web server, until interrupted. */
export async function runCollect(): Promise<number> {
  const runtime = await startRuntime();
  const state = runtime.collector.state();
  console.log(`collecting from ${state.sources.length} source(s), ${state.eligible} endpoint(s) with metrics`);
  // The collector's timers are unref'd so as not to hold a web server's process open; here nothing
  // else would keep the process running, and it would exit on its own before the first scrape.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
  await runtime.stop();
  return 0;
}
