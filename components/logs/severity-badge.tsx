import type { LogSeverity } from "@/lib/model/log-severity";

const STYLES: Record<LogSeverity, string> = {
  FATAL: "bg-red-700 text-white dark:bg-red-600",
  ERROR: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  WARN: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  INFO: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-300",
  DEBUG: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  TRACE: "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
};

/** A log row's level in its colour (a word, never colour alone). */
export function SeverityBadge({ severity }: { severity: LogSeverity }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold ${STYLES[severity]}`}>
      {severity}
    </span>
  );
}
