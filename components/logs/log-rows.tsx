"use client";

import type { LogRow } from "@/lib/api/schemas";
import { formatTimestamp } from "@/lib/time/ticks";
import { SeverityBadge } from "./severity-badge";

interface LogRowsProps {
  rows: readonly LogRow[];
  timeZone: string;
  markedMs: number | null;
  /** A row's time, to mark on the charts (or null to clear the mark when it is the marked one). */
  onMark: (timeMs: number | null) => void;
}

const formatTime = (ms: number, timeZone: string) =>
  `${formatTimestamp(ms, timeZone)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}`;

/** Log rows, newest first: time, level, message, trace. Picking a row marks its time on every chart. */
export function LogRows({ rows, timeZone, markedMs, onMark }: LogRowsProps) {
  return (
    <table className="w-full border-collapse text-left text-xs">
      <thead className="sticky top-0 bg-white text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
        <tr>
          <th scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
            Time ({timeZone})
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            Level
          </th>
          <th scope="col" className="w-full px-2 py-1 font-medium">
            Message
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            Trace
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const marked = row.timeMs === markedMs;
          const time = formatTime(row.timeMs, timeZone);
          return (
            <tr
              key={`${row.timeMs}-${i}`}
              onClick={() => onMark(marked ? null : row.timeMs)}
              data-log-row
              data-time={row.timeMs}
              data-severity={row.severity}
              className={`cursor-pointer border-t border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/60 ${
                marked ? "bg-red-50 dark:bg-red-950/40" : ""
              }`}
            >
              <td className="px-2 py-1 whitespace-nowrap">
                <button
                  type="button"
                  aria-pressed={marked}
                  aria-label={marked ? `Remove the mark at ${time} from the charts` : `Mark ${time} on the charts`}
                  onClick={(event) => {
                    event.stopPropagation();
                    onMark(marked ? null : row.timeMs);
                  }}
                  className="font-mono tabular-nums hover:underline focus-visible:outline-2 focus-visible:outline-sky-500"
                >
                  {time}
                </button>
              </td>
              <td className="px-2 py-1">
                <SeverityBadge severity={row.severity} />
              </td>
              <td className="px-2 py-1">
                <pre className="line-clamp-4 font-mono break-words whitespace-pre-wrap" title={row.body}>
                  {row.body}
                </pre>
              </td>
              <td className="px-2 py-1 font-mono whitespace-nowrap text-zinc-500" title={row.traceId ?? undefined}>
                {row.traceId ? `${row.traceId.slice(0, 8)}…` : "—"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
