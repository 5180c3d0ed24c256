import type { ReactNode } from "react";

interface ChartCardProps {
  title: string;
  unit?: string;
  actions?: ReactNode;
  children: ReactNode;
  panel: string;
  /** The step of the data shown, once an answer has come. */
  stepMs?: number;
}

export function ChartCard({ title, unit, actions, children, panel, stepMs }: ChartCardProps) {
  const headingId = `chart-${panel}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-panel={panel}
      data-step-ms={stepMs}
      className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold">
          {title}
          {unit && <span className="ml-1 font-normal text-zinc-500 dark:text-zinc-400">({unit})</span>}
        </h2>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </header>
      {children}
    </section>
  );
}
