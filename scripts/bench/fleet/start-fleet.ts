import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface FakeFleet {
  huggingface: { url: string; token: string; namespace: string };
  /** CPU seconds the fake process has used since it started. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("./fake-fleet.ts", import.meta.url));

function nextMessage<T>(child: ChildProcess, has: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!has(message)) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`the fake fleet exited (code ${code})`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

const hasNamespace = (m: unknown): m is Pick<FakeFleet, "huggingface"> =>
  typeof m === "object" && m !== null && "huggingface" in m;
const hasCpu = (m: unknown): m is { cpu: NodeJS.CpuUsage } => typeof m === "object" && m !== null && "cpu" in m;

/** Forks the fake Hugging Face namespace of `endpoints` copies of `copyOf` on 127.0.0.1. */
export async function startFakeFleet(endpoints: number, copyOf = "sentiment-prod"): Promise<FakeFleet> {
  const child = fork(SCRIPT, [String(endpoints), copyOf], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { huggingface } = await nextMessage(child, hasNamespace);
  return {
    huggingface,
    async cpuSeconds() {
      const reply = nextMessage(child, hasCpu);
      child.send("cpu");
      const { cpu } = await reply;
      return (cpu.user + cpu.system) / 1e6;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
