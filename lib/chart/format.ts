/** Up to three significant digits, thousands as k/M: axis labels stay short. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  if (abs >= 100 || value === 0) return String(Math.round(value));
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A value with its unit, as people read it: "230 ms", "1.25 s", "12.5%", "3.1 req/s". */
export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "%":
      return `${formatNumber(value)}%`;
    case "ms":
      return Math.abs(value) >= 1000 ? `${formatNumber(value / 1000)} s` : `${formatNumber(value)} ms`;
    case "":
      return formatNumber(value);
    default:
      return `${formatNumber(value)} ${unit}`;
  }
}

/** 0.0123 → "1.23%"; shares of requests. */
export function formatShare(share: number | null): string {
  if (share === null) return "—";
  if (share > 0 && share < 0.001) return "<0.1%";
  return `${trim(share * 100)}%`;
}
