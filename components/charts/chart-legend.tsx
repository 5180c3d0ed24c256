import type { ChartSeries } from "@/lib/chart/prepare-series";
import { formatValue } from "@/lib/chart/format";

interface ChartLegendProps {
  entries: { series: ChartSeries; value: number | null }[];
  unit: string;
  /** The isolated series' name, if any. */
  soloName: string | null;
  onSelect: (series: ChartSeries) => void;
  /** Says what a click does, for the button's accessible description. */
  describeAction: (series: ChartSeries) => string;
}

/** Series as buttons with their latest value; what a click does is the panel's decision. */
export function ChartLegend({ entries, unit, soloName, onSelect, describeAction }: ChartLegendProps) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-1 gap-y-1 text-xs" aria-label="Legend">
      {entries.map(({ series, value }) => {
        const dimmed = soloName !== null && soloName !== series.name;
        return (
          <li key={series.key}>
            <button
              type="button"
              onClick={() => onSelect(series)}
              aria-pressed={soloName === series.name}
              title={describeAction(series)}
              data-series={series.name}
              className={`flex items-center gap-1.5 rounded px-1.5 py-0.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-zinc-800 ${dimmed ? "opacity-40" : ""}`}
            >
              <span
                aria-hidden
                className="inline-block h-0.5 w-3"
                style={{
                  background: series.color,
                  borderTop: series.dashed ? `2px dashed ${series.color}` : undefined,
                }}
              />
              <span>{series.name}</span>
              <span className="text-zinc-500 tabular-nums dark:text-zinc-400">{formatValue(value, unit)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
