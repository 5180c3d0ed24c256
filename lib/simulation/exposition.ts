/** Small writers for the exposition text the fake platforms send. */

export function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([name, value]) => `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/** Databricks prints floats the Python way: "1260.0", "2.344062231666667". */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  // `${value}.0` is toFixed(1) for integers short of 1e21, several times faster (a backfill prints millions).
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? `${value}.0` : value.toFixed(1);
  return String(Number(value.toPrecision(12)));
}

export function familyHeader(name: string, type: string, help: string | null, unit: string | null = null): string[] {
  return [
    ...(help === null ? [] : [`# HELP ${name} ${help}`]),
    `# TYPE ${name} ${type}`,
    ...(unit === null ? [] : [`# UNIT ${name} ${unit}`]),
  ];
}
