import type { Point } from "@/lib/api/schemas";

interface SparklineProps {
  points: Point[];
  label: string;
  width?: number;
  height?: number;
}

/** A tiny SVG line (gaps stay gaps); cheap enough for hundreds of rows, unlike a full chart. */
export function Sparkline({ points, label, width = 96, height = 24 }: SparklineProps) {
  const values = points.flatMap(([, v]) => (v === null ? [] : [v]));
  if (points.length < 2 || values.length === 0) {
    return <span className="text-xs text-zinc-400">no data</span>;
  }
  const first = points[0]![0];
  const span = points[points.length - 1]![0] - first || 1;
  const max = Math.max(...values) || 1;
  const segments: string[][] = [[]];
  for (const [t, v] of points) {
    if (v === null) {
      if (segments[segments.length - 1]!.length) segments.push([]);
      continue;
    }
    const x = ((t - first) / span) * width;
    const y = height - 1 - (v / max) * (height - 2);
    segments[segments.length - 1]!.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {segments
        .filter((segment) => segment.length)
        .map((segment, i) =>
          segment.length === 1 ? (
            <circle
              key={i}
              cx={segment[0]!.split(",")[0]}
              cy={segment[0]!.split(",")[1]}
              r="1"
              className="fill-sky-600 dark:fill-sky-400"
            />
          ) : (
            <polyline
              key={i}
              points={segment.join(" ")}
              fill="none"
              strokeWidth="1.25"
              className="stroke-sky-600 dark:stroke-sky-400"
            />
          ),
        )}
    </svg>
  );
}
