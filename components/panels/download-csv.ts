import { toCsv } from "@/lib/chart/csv";
import type { PreparedChart } from "@/lib/chart/prepare-series";

/** Saves the chart's rows as a CSV file through a temporary link. */
export function downloadCsv(chart: PreparedChart, fileName: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(chart)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
