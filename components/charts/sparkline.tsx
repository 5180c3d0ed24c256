import type { Point } from "@/lib/api/schemas";
import { linePath, type LineReader } from "@/lib/chart/series-paths";

interface SparklineProps {
  points: Point[];
  label: string;
  width?: number;
  height?: number;
}

const POINT: LineReader<Point> = { time: ([t]) => t, value: ([, v]) => v };

/** A tiny SVG line (gaps stay gaps, a lone value a dot); cheap enough for hundreds of rows, unlike a full chart. */
export function Sparkline({ points, label, width = 96, height = 24 }: SparklineProps) {
  const values = points.flatMap(([, v]) => (v === null ? [] : [v]));
  if (points.length < 2 || values.length === 0) {
    return <span className="text-xs text-zinc-400">no data</span>;
  }
  const first = points[0]![0];
  const span = points[points.length - 1]![0] - first || 1;
  const max = Math.max(...values) || 1;
  const d = linePath(
    points,
    POINT,
    (t) => ((t - first) / span) * width,
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
