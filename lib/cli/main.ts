/** The `servescope` command line: one sub-command per job, loaded only when asked for. */
import { readFileSync } from "node:fs";

const USAGE = `usage: servescope <command> [options]

commands:
  check-metrics [--strict] [--content-type CT] [--json] FILE|-   validate an exposition like the collector parses it
  demo                                                           serve the dashboard on the built-in demo workspace
  serve                                                          serve the dashboard on the configured sources (demo when none)
  collect                                                        run the collector alone, without the web server`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "check-metrics": {
      const { runCheckMetrics } = await import("./check-metrics");
      return runCheckMetrics(args, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        readFile: (path: string) => readFileSync(path, "utf8"),
      });
    }
    case "demo":
    case "serve": {
      const { runServe } = await import("./serve");
      return runServe({ demo: command === "demo" });
    }
    case "collect": {
      const { runCollect } = await import("./collect");
      return runCollect();
    }
    case undefined:
    case "-h":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`servescope: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`servescope: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
