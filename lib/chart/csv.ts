import type { PreparedChart } from "./prepare-series";

function escapeCell(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The chart's data as CSV: epoch ms, ISO time (UTC), one column per series; gaps are empty cells. */
export function toCsv(chart: PreparedChart): string {
  const header = ["timestamp_ms", "time_utc", ...chart.series.map((s) => s.name)];
  const lines = chart.rows.map((row) =>
    [
      String(row.t),
      new Date(row.t).toISOString(),
      ...chart.series.map((s) => {
        const value = row[s.key];
        return typeof value === "number" ? String(value) : "";
      }),
    ]
      .map(escapeCell)
      .join(","),
  );
  return [header.map(escapeCell).join(","), ...lines].join("\n") + "\n";
}
