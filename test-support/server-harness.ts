import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeUpstreams, type FakeUpstreams, type FakeUpstreamsOptions } from "@/lib/fake-upstreams";
import type { Runtime } from "@/lib/server/runtime";

type Holder = typeof globalThis & { __servescopeRuntime?: Runtime; __servescopeStarted?: Promise<Runtime> };

/**
 * A server runtime on fresh fake upstreams, configured through the environment exactly as
 * `npm start` would be, with a temporary data folder. Route handlers imported by the test use it.
 */
export async function startServerHarness(
  extraEnv: Record<string, string> | ((fakes: FakeUpstreams) => Record<string, string>) = {},
  fakeOptions: FakeUpstreamsOptions = {},
) {
  const fakes: FakeUpstreams = await startFakeUpstreams(fakeOptions);
  const dataDir = mkdtempSync(join(tmpdir(), "servescope-api-"));
  const env: Record<string, string> = {
    DATABRICKS_HOST: fakes.databricks.url,
    DATABRICKS_TOKEN: fakes.databricks.token,
    HF_ENDPOINTS_API: fakes.huggingface.url,
    HF_NAMESPACE: fakes.huggingface.namespace,
    HF_TOKEN: fakes.huggingface.token,
    SERVESCOPE_DATA_DIR: dataDir,
    SERVESCOPE_SCRAPE_INTERVAL_S: "1",
    ...(typeof extraEnv === "function" ? extraEnv(fakes) : extraEnv),
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const { startRuntime } = await import("@/lib/server/runtime");
  const runtime = await startRuntime();
  return {
    fakes,
    runtime,
    tokens: [fakes.databricks.token, fakes.huggingface.token],
    async close() {
      await runtime.stop();
      const holder = globalThis as Holder;
      delete holder.__servescopeRuntime;
      delete holder.__servescopeStarted;
      await fakes.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
