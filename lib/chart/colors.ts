import type { Panel, Series } from "@/lib/api/schemas";

export const STATUS_CLASS_COLORS: Record<string, string> = {
  "1xx": "#64748b",
  "2xx": "#16a34a",
  "3xx": "#2563eb",
  "4xx": "#d97706",
  "5xx": "#dc2626",
};

/** Shades of each class's hue, so a code is recognisably 4xx or 5xx and keeps its colour. */
const STATUS_CODE_SHADES: Record<string, string[]> = {
  "1xx": ["#64748b", "#94a3b8", "#475569"],
  "2xx": ["#16a34a", "#4ade80", "#15803d", "#86efac", "#166534"],
  "3xx": ["#2563eb", "#60a5fa", "#1d4ed8", "#93c5fd", "#1e40af"],
  "4xx": ["#d97706", "#fbbf24", "#b45309", "#f59e0b", "#92400e", "#fcd34d"],
  "5xx": ["#dc2626", "#f87171", "#991b1b", "#b91c1c", "#fca5a5", "#7f1d1d"],
};

const NAMED_COLORS: Record<string, string> = {
  p50: "#0ea5e9",
  p90: "#8b5cf6",
  p95: "#d946ef",
  p99: "#f43f5e",
  running: "#16a34a",
  max: "#dc2626",
  avg: "#6366f1",
  pending: "#a855f7",
  provisioned: "#0d9488",
};

/** For replicas, GPUs and anything else: distinct hues that read on light and dark backgrounds. */
export const PALETTE = [
  "#6366f1",
  "#0ea5e9",
  "#f59e0b",
  "#10b981",
  "#ec4899",
  "#8b5cf6",
  "#14b8a6",
  "#f97316",
  "#84cc16",
  "#e11d48",
  "#06b6d4",
  "#a16207",
];

/** FNV-1a: the same name gets the same colour on every chart and every page load. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function getStatusClass(name: string): string | null {
  return /^[1-5](xx|[0-9]{2})$/.test(name) ? `${name[0]}xx` : null;
}

export function getSeriesColor(panel: Panel, series: Pick<Series, "name">): string {
  const { name } = series;
  if (panel === "requests") {
    const statusClass = getStatusClass(name);
    if (statusClass && name.endsWith("xx")) return STATUS_CLASS_COLORS[statusClass] ?? PALETTE[0]!;
    if (statusClass) {
      const shades = STATUS_CODE_SHADES[statusClass]!;
      return shades[(Number(name) % 100) % shades.length]!;
    }
  }
  return NAMED_COLORS[name] ?? PALETTE[hashName(name) % PALETTE.length]!;
}
