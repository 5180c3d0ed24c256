import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/**
 * Mounts a RAM filesystem of `sizeKb` at `dir` (`readOnly`: mounted read-only), for a disk that
 * really fills up or refuses writes. Needs root and mount rights; false where the system refuses.
 */
export function mountTmpfs(dir: string, sizeKb: number, { readOnly = false } = {}): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    const options = `size=${sizeKb}k,mode=0755${readOnly ? ",ro" : ""}`;
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function unmount(dir: string): void {
  execFileSync("umount", ["-l", dir], { stdio: "ignore" });
}

/** Whether this process may mount a tmpfs (tried once, on a scratch directory). */
export function canMountTmpfs(scratch: string): boolean {
  if (!mountTmpfs(scratch, 64)) return false;
  unmount(scratch);
  return true;
}
