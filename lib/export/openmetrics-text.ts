/** OpenMetrics 1.0 text writing: escaping, numbers, families. Pure. */

export type OpenMetricsType = "counter" | "gauge" | "summary" | "histogram" | "gaugehistogram" | "info";

export interface OpenMetricsSample {
  /** Appended to the family name: "", "_total", "_bucket", "_info", … */
  suffix: string;
  labels: Record<string, string>;
  value: number;
}

export interface OpenMetricsFamily {
  name: string;
  type: OpenMetricsType;
  /** The family name must end with `_<unit>`. */
  unit?: string;
  help: string;
  samples: OpenMetricsSample[];
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith("__");
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

/** A histogram bound as OpenMetrics writes it: "+Inf", and integers with ".0" as Prometheus does. */
export function formatLe(le: number): string {
  if (le === Number.POSITIVE_INFINITY) return "+Inf";
  return Number.isInteger(le) ? le.toFixed(1) : String(le);
}

function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** The exposition of these families (empty ones left out), ending with `# EOF`. */
export function renderOpenMetricsText(families: OpenMetricsFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (family.samples.length === 0) continue;
    lines.push(`# TYPE ${family.name} ${family.type}`);
    if (family.unit) lines.push(`# UNIT ${family.name} ${family.unit}`);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    for (const sample of family.samples) {
      lines.push(`${family.name}${sample.suffix}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}
