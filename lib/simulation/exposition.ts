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
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toPrecision(12)));
}

export function familyHeader(name: string, type: string, help: string | null, unit: string | null = null): string[] {
  return [
    ...(help === null ? [] : [`# HELP ${name} ${help}`]),
    `# TYPE ${name} ${type}`,
    ...(unit === null ? [] : [`# UNIT ${name} ${unit}`]),
  ];
}
