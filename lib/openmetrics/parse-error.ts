import { LF } from "./chars";
import type { ParseIssue } from "./types";

/** A syntax or format error at a 1-based line and column; `message` reads `line:column: reason`. */
export class ParseError extends Error {
  override readonly name = "ParseError";

  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
  }

  toIssue(): ParseIssue {
    return { line: this.line, column: this.column, message: this.reason };
  }
}

/** How an error message names the character at `pos`: `"}"`, `end of line` or `end of input`. */
export function describeFound(text: string, pos: number): string {
  if (pos >= text.length) return "end of input";
  const c = text.charCodeAt(pos);
  if (c === LF) return "end of line";
  return JSON.stringify(String.fromCodePoint(text.codePointAt(pos)!));
}

/** How an error message names a whole token, e.g. a bad value: `"0x10"`, or `end of line` when empty. */
export function describeToken(text: string, start: number, end: number): string {
  return start === end ? describeFound(text, start) : JSON.stringify(text.slice(start, end));
}
