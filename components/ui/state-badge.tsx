import { getStateTone, type StateTone } from "./state-tone";

const TONE_CLASSES: Record<StateTone, string> = {
  good: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300",
  warn: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  bad: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  idle: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/** The platform's own word for the state, coloured by what it means. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs ${TONE_CLASSES[getStateTone(state)]}`}>
      {state}
    </span>
  );
}
