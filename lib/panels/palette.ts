import { statusClassOf, type StatusClass } from "./status-class";

export const STATUS_CLASS_COLORS: Record<StatusClass, string> = {
  "1xx": "#64748b",
  "2xx": "#16a34a",
  "3xx": "#2563eb",
  "4xx": "#d97706",
  "5xx": "#dc2626",
  other: "#a1a1aa",
};

/** Shades of each class's hue, so a code is recognisably 4xx or 5xx and keeps its colour. */
const STATUS_CODE_SHADES: Record<StatusClass, string[]> = {
  "1xx": ["#64748b", "#94a3b8", "#475569"],
  "2xx": ["#16a34a", "#4ade80", "#15803d", "#86efac", "#166534"],
  "3xx": ["#2563eb", "#60a5fa", "#1d4ed8", "#93c5fd", "#1e40af"],
  "4xx": ["#d97706", "#fbbf24", "#b45309", "#f59e0b", "#92400e", "#fcd34d"],
  "5xx": ["#dc2626", "#f87171", "#991b1b", "#b91c1c", "#fca5a5", "#7f1d1d"],
  other: ["#a1a1aa", "#71717a", "#d4d4d8"],
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

export function paletteColor(name: string): string {
  return PALETTE[hashName(name) % PALETTE.length]!;
}

/** A class in its colour; a code in a shade of its class's colour ("503" and "500" both read as 5xx). */
export function statusColor(name: string): string {
  const statusClass = statusClassOf(name);
  if (name === statusClass || name.endsWith("xx")) return STATUS_CLASS_COLORS[statusClass];
  const shades = STATUS_CODE_SHADES[statusClass];
  const index = /^[0-9]+$/.test(name) ? Number(name) % 100 : hashName(name);
  return shades[index % shades.length]!;
}
