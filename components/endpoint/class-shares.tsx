import type { SeriesResponse } from "@/lib/api/schemas";
import { getClassShares } from "@/lib/chart/class-shares";
import { formatShare } from "@/lib/chart/format";
import { STATUS_CLASS_COLORS } from "@/lib/panels/palette";

/** The % of requests per status class in the range, above the requests chart. */
export function ClassShares({ response }: { response: SeriesResponse }) {
  const shares = getClassShares(response.series, response.stepMs);
  if (shares.every(({ share }) => share === null)) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-2" aria-label="Share of requests per status class">
      {shares.map(({ statusClass, share, requests }) => (
        <li
          key={statusClass}
          data-status-class={statusClass}
          className="min-w-16 rounded border-l-4 bg-zinc-50 px-2 py-1 dark:bg-zinc-800/60"
          style={{ borderColor: STATUS_CLASS_COLORS[statusClass] }}
          title={`${Math.round(requests).toLocaleString("en-US")} requests`}
        >
          <div className="text-xs text-zinc-600 dark:text-zinc-400">{statusClass}</div>
          <div className="text-sm font-semibold tabular-nums">{formatShare(share)}</div>
        </li>
      ))}
    </ul>
  );
}
