interface SegmentedProps<T extends string> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  /** "tabs" for views (role=tablist), "toggle" for modes (aria-pressed buttons). */
  variant?: "tabs" | "toggle";
}

/** A row of mutually exclusive choices, each a keyboard-reachable button. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  variant = "toggle",
}: SegmentedProps<T>) {
  return (
    <div
      role={variant === "tabs" ? "tablist" : "group"}
      aria-label={label}
      className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
    >
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            role={variant === "tabs" ? "tab" : undefined}
            aria-selected={variant === "tabs" ? selected : undefined}
            aria-pressed={variant === "toggle" ? selected : undefined}
            onClick={() => onChange(option.value)}
            className={`rounded px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 ${
              selected
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            }`}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
