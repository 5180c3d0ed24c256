// A worker thread does not inherit its parent's module loader (`--import tsx`, or Next's bundle):
// the query thread registers tsx itself, then loads its TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./thread.ts");
