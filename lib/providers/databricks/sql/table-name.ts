import "server-only";
/**
 * Unity Catalog three-part table names (`catalog.schema.table`), checked before a name is sent as
 * the value of `IDENTIFIER(:table)`. Pure. Each part is a plain identifier or backquoted
 * (`` `my-schema` ``); a backquoted part holds no backtick, no control character.
 */
export interface TableName {
  /** Catalog, schema and table, unquoted. */
  parts: [string, string, string];
  /** The name as SQL, each part backquoted only when it needs it. */
  sql: string;
}

export class TableNameError extends Error {
  override name = "TableNameError";
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTED = /^`([^`\p{Cc}]{1,255})`$/u;
const MAX_LENGTH = 800;

function splitParts(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of text) {
    if (char === "`") quoted = !quoted;
    if (char === "." && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(part: string): string | null {
  if (PLAIN.test(part)) return part;
  return QUOTED.exec(part)?.[1] ?? null;
}

export function quoteIdentifier(part: string): string {
  return PLAIN.test(part) ? part : `\`${part}\``;
}

/** Parses and checks a table name; throws TableNameError naming what is wrong. */
export function parseTableName(text: string): TableName {
  const shown = JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
  const parts = text.length <= MAX_LENGTH ? splitParts(text) : [];
  if (parts.length !== 3) {
    throw new TableNameError(`invalid table name ${shown}: expected catalog.schema.table`);
  }
  const names = parts.map(unquote);
  const bad = names.indexOf(null);
  if (bad >= 0) {
    throw new TableNameError(
      `invalid table name ${shown}: ${["catalog", "schema", "table"][bad]} must be a letter or underscore ` +
        "followed by letters, digits or underscores, or be backquoted",
    );
  }
  const [catalog = "", schema = "", table = ""] = names as string[];
  return { parts: [catalog, schema, table], sql: [catalog, schema, table].map(quoteIdentifier).join(".") };
}
