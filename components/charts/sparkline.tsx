import type { Sparkline as SparklineValues } from "@/lib/api/schemas";
import { linePath, type LineReader } from "@/lib/chart/series-paths";

interface SparklineProps {
  sparkline: SparklineValues;
  label: string;
  width?: number;
  height?: number;
}

/** A tiny SVG line (gaps stay gaps, a lone value a dot); cheap enough for hundreds of rows, unlike a full chart. */
export function Sparkline({ sparkline: { values }, label, width = 96, height = 24 }: SparklineProps) {
  const reported = values.filter((v) => v !== null);
  if (values.length < 2 || reported.length === 0) {
    return <span className="text-xs text-zinc-400">no data</span>;
  }
  const max = Math.max(...reported) || 1;
  // On a regular grid the k-th value's place is k: no times needed.
  const reader: LineReader<number> = { time: (k) => k, value: (k) => values[k] };
  const d = linePath(
    values.map((_, k) => k),
    reader,
    (k) => (k / (values.length - 1)) * width,
    (v) => height - 1 - (v / max) * (height - 2),
  );
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path
        d={d}
        fill="none"
        strokeWidth="1.25"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-sky-600 dark:stroke-sky-400"
      />
    </svg>
  );
}
