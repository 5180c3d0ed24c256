import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../free-port";

export type EngineKind = "prometheus" | "victoria-metrics";

export interface EngineProcess {
  url: string;
  /** How far behind now the engine answers (VictoriaMetrics hides its newest samples). */
  latencyMs: number;
  stop(): Promise<void>;
}

/** The engine's binary, or null when its Debian package is not installed. */
export function findEngineBinary(kind: EngineKind): string | null {
  const candidates =
    kind === "prometheus" ? ["/usr/bin/prometheus"] : ["/usr/bin/victoria-metrics-prod", "/usr/bin/victoria-metrics"];
  return candidates.find((path) => existsSync(path)) ?? null;
}

function argsFor(kind: EngineKind, configPath: string, dataDir: string, port: number): string[] {
  return kind === "prometheus"
    ? [`--config.file=${configPath}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`]
    : [
        `-promscrape.config=${configPath}`,
        "-promscrape.config.strictParse=false",
        "-search.latencyOffset=1s",
        "-search.disableCache",
        `-httpListenAddr=127.0.0.1:${port}`,
        `-storageDataPath=${dataDir}`,
      ];
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts the engine on a free loopback port and resolves once its health endpoint answers. */
export async function startEngine(
  kind: EngineKind,
  binary: string,
  configPath: string,
  dataDir: string,
): Promise<EngineProcess> {
  const port = await freePort();
  const child = spawn(binary, argsFor(kind, configPath, dataDir, port), { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const health = kind === "prometheus" ? "/-/ready" : "/health";
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}${health}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, latencyMs: kind === "prometheus" ? 0 : 1000, stop: () => stopProcess(child) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopProcess(child);
  throw new Error(`${kind} did not become ready:\n${stderr}`);
}
