import type { DataSource } from "@/lib/api/schemas";
import { formatTimestamp } from "@/lib/time/ticks";

/** Under a chart's title: where its numbers come from and how recent the newest is. */
export function DataSourceLine({ source, timeZone }: { source: DataSource; timeZone: string }) {
  const parts = [
    `From ${source.label}`,
    source.asOfMs === undefined
      ? "no row in this range"
      : `newest row ${formatTimestamp(source.asOfMs, timeZone)} ${timeZone}`,
    ...(source.lagNote ? [source.lagNote] : []),
  ];
  return (
    <p className="mb-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="data-source">
      {parts.join(" · ")}
    </p>
  );
}
