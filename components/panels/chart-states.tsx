import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

export function ChartSkeleton({ height }: { height: number }) {
  return (
    <div data-state="loading" role="status" aria-label="Loading chart">
      <Skeleton className="w-full" style={{ height }} />
    </div>
  );
}

interface ChartMessageProps {
  state: "error" | "not-reported" | "empty";
  height: number;
  title: string;
  children?: ReactNode;
}

/** Takes the chart's place with words, so a missing chart never looks like an empty or zero one. */
export function ChartMessage({ state, height, title, children }: ChartMessageProps) {
  const tone =
    state === "error"
      ? "border-red-300 text-red-800 dark:border-red-800 dark:text-red-300"
      : "border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400";
  return (
    <div
      data-state={state}
      role={state === "error" ? "alert" : "status"}
      className={`flex flex-col items-center justify-center rounded-md border border-dashed px-4 text-center text-sm ${tone}`}
      style={{ height }}
    >
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 max-w-prose text-xs">{children}</div>}
    </div>
  );
}

/** Keeps the previous chart visible and dimmed while the next range loads. */
export function RefetchOverlay({ children, active }: { children: ReactNode; active: boolean }) {
  return (
    <div className="relative" data-refetching={active || undefined} aria-busy={active}>
      <div className={active ? "opacity-50 transition-opacity" : undefined}>{children}</div>
      {active && (
        <div className="pointer-events-none absolute inset-0 flex items-start justify-end p-2">
          <span className="rounded bg-zinc-900/80 px-2 py-0.5 text-xs text-white dark:bg-zinc-100/90 dark:text-zinc-900">
            Updating…
          </span>
        </div>
      )}
    </div>
  );
}
