import "server-only";
/** Labels as one canonical string: JSON with keys sorted, so equal label sets compare equal. */
export function toLabelsKey(labels: Readonly<Record<string, string>>): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key] as string;
  return JSON.stringify(sorted);
}

export function parseLabelsKey(key: string): Record<string, string> {
  return JSON.parse(key) as Record<string, string>;
}
