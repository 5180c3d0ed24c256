import { SERIES_LIMITS, type Series } from "@/lib/api/schemas";
import type { PanelFold } from "@/lib/panels/catalog";

/** Σ|value|: how much of the chart a series is. */
function weight(series: Series): number {
  return series.points.reduce((total, [, value]) => total + (value === null ? 0 : Math.abs(value)), 0);
}

function combinePoints(name: string, members: Series[], combine: PanelFold["combine"]): Series {
  const first = members[0]!;
  const points = first.points.map(([t], k): [number, number | null] => {
    const values = members.flatMap((s) => {
      const value = s.points[k]?.[1];
      return value === null || value === undefined ? [] : [value];
    });
    if (values.length === 0) return [t, null];
    const total = values.reduce((a, b) => a + b, 0);
    return [t, combine === "sum" ? total : total / values.length];
  });
  return { name, labels: { folded: String(members.length) }, points };
}

/**
 * At most `max` series: the heaviest kept as they are, the rest folded point-wise into the series
 * their panel names (their status class, or "other"), with a warning that says so.
 */
export function capSeries(
  series: Series[],
  fold: PanelFold | undefined,
  max: number = SERIES_LIMITS.maxSeriesPerAnswer,
): { series: Series[]; warning?: string } {
  if (!fold || series.length <= max) return { series };
  const ranked = [...series].sort((a, b) => weight(b) - weight(a));
  let keep = max - 1;
  while (keep > 0 && keep + new Set(ranked.slice(keep).map((s) => fold.into(s.name))).size > max) keep -= 1;
  const rest = new Map<string, Series[]>();
  for (const s of ranked.slice(keep)) {
    const target = fold.into(s.name);
    rest.set(target, [...(rest.get(target) ?? []), s]);
  }
  // A kept series that is itself a fold target ("other") joins what is folded into it.
  const kept = new Set(ranked.slice(0, keep).filter((s) => !rest.has(s.name)));
  for (const s of ranked.slice(0, keep)) if (!kept.has(s)) rest.get(s.name)!.push(s);
  const folded = [...rest].map(([name, members]) => combinePoints(name, members, fold.combine));
  const targets = [...rest.keys()].map((name) => `"${name}"`).join(", ");
  return {
    series: [...series.filter((s) => kept.has(s)), ...folded],
    warning: `${series.length} series: the ${kept.size} largest are shown, the other ${series.length - kept.size} folded into ${targets}`,
  };
}
