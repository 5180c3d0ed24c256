import "server-only";
/** Keeps the entries that hold a non-empty string (for ModelInfo.details). */
export function definedEntries(entries: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entries).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  );
}
