import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "@/test-support/testdata";

/**
 * The module boundaries the compiler does not check: no client component reaches a module marked
 * `server-only` (store, collector, providers, backends, server), and no import cycle anywhere.
 */
const ROOTS = ["app", "components", "lib", "test-support", "tests", "scripts", "e2e"];
const EXTENSIONS = [".ts", ".tsx"];
/** Modules that hold tokens, the store or upstream calls: never part of a browser bundle. */
const SERVER_DIRS = ["lib/store/", "lib/collector/", "lib/server/", "lib/providers/", "lib/backends/"];

interface ModuleInfo {
  file: string;
  client: boolean;
  serverOnly: boolean;
  /** Resolved imports; `typeOnly` ones vanish from the bundle. */
  imports: { target: string; typeOnly: boolean }[];
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "testdata" ? [] : listSources(full);
    return EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(REPO_ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  return candidates.find((file) => EXTENSIONS.includes(path.extname(file)) && isFile(file)) ?? null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;

function readModule(file: string): ModuleInfo {
  const text = readFileSync(file, "utf8");
  const imports: ModuleInfo["imports"] = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = resolve(file, match[3]!);
    if (target) imports.push({ target, typeOnly: match[2] !== undefined });
  }
  for (const match of text.matchAll(DYNAMIC)) {
    const target = resolve(file, match[1]!);
    if (target) imports.push({ target, typeOnly: false });
  }
  return {
    file,
    client: /^\s*["']use client["']/.test(text),
    serverOnly: /^import\s+["']server-only["'];?$/m.test(text),
    imports,
  };
}

const modules = new Map(
  ROOTS.flatMap((root) => listSources(path.join(REPO_ROOT, root))).map((file) => [file, readModule(file)]),
);
const rel = (file: string) => path.relative(REPO_ROOT, file);

/** The chain of value imports from `start` to a server-only module, or null. */
function serverChain(start: string): string[] | null {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const info = modules.get(chain.at(-1)!);
    if (!info) continue;
    if (info.serverOnly) return chain;
    for (const { target, typeOnly } of info.imports) {
      if (typeOnly || seen.has(target)) continue;
      seen.add(target);
      queue.push([...chain, target]);
    }
  }
  return null;
}

/** Strongly connected components of more than one module (Tarjan), over every import. */
function importCycles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    indices.set(file, index);
    low.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const { target } of modules.get(file)?.imports ?? []) {
      if (!modules.has(target)) continue;
      if (!indices.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, indices.get(target)!));
    }
    if (low.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(rel(member));
      } while (member !== file);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const file of modules.keys()) if (!indices.has(file)) visit(file);
  return cycles;
}

describe("module boundaries", () => {
  it("reads the repository's modules, client components and server-only modules among them", () => {
    const all = [...modules.values()];
    expect(all.filter((m) => m.client).length).toBeGreaterThan(10);
    expect(all.filter((m) => m.serverOnly).map((m) => rel(m.file))).toEqual(
      expect.arrayContaining([
        "lib/query/store-backend.ts",
        "lib/panels/plans.ts",
        "lib/backends/prometheus/backend.ts",
      ]),
    );
  });

  it("marks every module of the store, collector, server, providers and backends server-only", () => {
    const unmarked = [...modules.values()]
      .map((m) => ({ ...m, file: rel(m.file) }))
      .filter((m) => SERVER_DIRS.some((dir) => m.file.startsWith(dir)) && !m.file.endsWith(".test.ts"))
      .filter((m) => !m.serverOnly)
      .map((m) => m.file);
    expect(unmarked).toEqual([]);
  });

  it("keeps test support in test-support/, not beside the code", () => {
    const stray = [...modules.keys()]
      .map(rel)
      .filter((file) => file.startsWith("lib/") && /(^|\/)(test-support|testing|test-[^/]*)(\/|\.ts$)/.test(file));
    expect(stray).toEqual([]);
  });

  it("no client component imports, even indirectly, a module marked server-only", () => {
    const leaks = [...modules.values()]
      .filter((m) => m.client)
      .flatMap((m) => {
        const chain = serverChain(m.file);
        return chain ? [chain.map(rel).join(" → ")] : [];
      });
    expect(leaks).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(importCycles()).toEqual([]);
  });
});
