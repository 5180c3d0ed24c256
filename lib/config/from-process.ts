import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { loadConfig } from "./load";
import type { AppConfig } from "./schema";

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The configuration of this process, from its environment and the files it names. */
export function loadProcessConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  return loadConfig({ env, readFile: readFileOrNull, homeDir: homedir() });
}
