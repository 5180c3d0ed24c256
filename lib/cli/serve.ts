import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadProcessConfig } from "@/lib/config/from-process";
import { startDemoWorkspace } from "@/lib/demo/workspace";
import { checkDataDir } from "@/lib/server/data-dir";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Serves the production build. With `demo` (or no source configured) it first starts the demo
 * workspace's simulated upstreams in this process and points the server at them.
 */
export async function runServe({ demo }: { demo: boolean }): Promise<number> {
  const config = loadProcessConfig();
  checkDataDir(config.dataDir);
  if (!existsSync(`${ROOT}/.next/BUILD_ID`)) {
    console.error("servescope: no production build found: run `npm run build` first (or `npm run demo`)");
    return 1;
  }
  let env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let workspace: Awaited<ReturnType<typeof startDemoWorkspace>> | null = null;
  if (demo || config.sources.length === 0) {
    workspace = await startDemoWorkspace({ dataDir: config.dataDir, log: (line) => console.log(line) });
    for (const name of ["SERVESCOPE_CONFIG", "OPENMETRICS_TARGETS", "DATABRICKS_CONFIG_PROFILE", "PROMETHEUS_URL"]) {
      delete env[name];
    }
    // The workspace's own configuration file goes in after the user's settings are gone.
    env = { ...env, ...workspace.env };
  }

  console.log(`Servescope on http://${config.host}:${config.port}${workspace ? " (demo workspace)" : ""}`);
  const next = spawn(
    process.execPath,
    [`${ROOT}/node_modules/next/dist/bin/next`, "start", "-H", config.host, "-p", String(config.port)],
    { cwd: ROOT, env, stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  const code = await new Promise<number>((resolve) => next.on("exit", (c, signal) => resolve(c ?? (signal ? 0 : 1))));
  await workspace?.close();
  return code;
}
