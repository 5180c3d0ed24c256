import type { Reply } from "./respond";

/**
 * The reply with extra sample lines, placed after the last sample of the same name (so an
 * existing family grows), else before `# EOF`, else at the end.
 */
export function injectLines(reply: Reply, lines: readonly string[]): Reply {
  const [first] = lines;
  if (first === undefined) return reply;
  const name = /^[^{\s]+/.exec(first)?.[0] ?? first;
  const text = reply.text.endsWith("\n") ? reply.text : `${reply.text}\n`;
  const own = [...text.matchAll(new RegExp(`^${name.replace(/[^\w:]/g, "\\$&")}[{ ].*\\n`, "gm"))].at(-1);
  const eof = text.lastIndexOf("# EOF");
  const at = own?.index !== undefined ? own.index + own[0].length : eof >= 0 ? eof : text.length;
  return { ...reply, text: `${text.slice(0, at)}${lines.join("\n")}\n${text.slice(at)}` };
}

/** The lines of a cardinality fault for one request. */
export function cardinalityLines(line: string, series: number, offset: number): string[] {
  return Array.from({ length: series }, (_, i) => line.replaceAll("{i}", String(offset + i)));
}
