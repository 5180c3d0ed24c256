import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const main = fileURLToPath(new URL("../lib/cli/main.ts", import.meta.url));
const exitWithParent = fileURLToPath(new URL("./exit-with-parent.ts", import.meta.url));

/** `servescope collect` in a child process with exactly `env`; what it printed, and its exit. */
export function startCollectorProcess(env: NodeJS.ProcessEnv) {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a grandchild SIGKILL would miss.
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--import", exitWithParent, main, "collect"],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let exit: Exit | null = null;
  void exited.then((value) => (exit = value));
  return {
    exited,
    /** Null while it runs. */
    exit: () => exit,
    output: () => output,
    kill(signal: NodeJS.Signals): Promise<Exit> {
      child.kill(signal);
      return exited;
    },
  };
}

export type CollectorProcess = ReturnType<typeof startCollectorProcess>;
