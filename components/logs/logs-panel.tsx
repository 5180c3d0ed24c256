"use client";

import { useEffect, useRef } from "react";
import { LOGS_LIMITS, type LogRow } from "@/lib/api/schemas";
import { useLogs } from "@/lib/hooks/use-logs";
import type { LogSeverity } from "@/lib/model/log-severity";
import { ChartCard } from "@/components/panels/chart-card";
import { ChartMessage, RefetchOverlay } from "@/components/panels/chart-states";
import { Button, CONTROL_CLASS } from "@/components/ui/button";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { LogRows } from "./log-rows";

const LEVELS = [
  { value: "ERROR", label: "Error" },
  { value: "WARN", label: "Warn" },
  { value: "INFO", label: "Info" },
  { value: "TRACE", label: "All" },
] as const satisfies readonly { value: LogSeverity; label: string }[];
const SEARCH_DEBOUNCE_MS = 350;
const BODY_HEIGHT_PX = 200;

export interface LogsPanelProps {
  endpointId: string;
  /** The charts' range: zooming them narrows the logs. */
  fromMs: number;
  toMs: number;
  timeZone: string;
  severity: LogSeverity;
  q: string;
  markedMs: number | null;
  onFilterChange: (filter: { severity?: LogSeverity; q?: string }) => void;
  onMark: (timeMs: number | null) => void;
}

/** The endpoint's log rows of the charts' window, newest first, with a level filter, a search and "load more". */
export function LogsPanel(props: LogsPanelProps) {
  const { endpointId, fromMs, toMs, severity, q } = props;
  const query = useLogs({ endpointId, from: fromMs, to: toMs, severity, ...(q ? { q } : {}) });
  const first = query.data?.pages[0];
  const rows = query.data?.pages.flatMap((page) => page.logs) ?? [];
  const configured = first !== undefined && first.notConfigured === undefined;

  return (
    <ChartCard
      panel="logs"
      title="Logs"
      actions={
        configured && (
          <>
            <Segmented
              label="Lowest level shown"
              options={LEVELS}
              value={LEVELS.some((level) => level.value === severity) ? severity : "TRACE"}
              onChange={(value) => props.onFilterChange({ severity: value })}
            />
            <SearchBox initial={q} onSearch={(text) => props.onFilterChange({ q: text })} />
          </>
        )
      }
    >
      {first?.source && (
        <p className="mb-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="logs-source">
          From {first.source.label}
          {first.source.kind === "table" ? " (through the SQL warehouse)" : ""}
        </p>
      )}
      {first?.warnings?.map((warning) => (
        <p key={warning} className="mb-1 text-xs text-amber-700 dark:text-amber-400">
          {warning}
        </p>
      ))}
      <LogsBody {...props} query={query} rows={rows} />
    </ChartCard>
  );
}

function LogsBody({
  query,
  rows,
  timeZone,
  markedMs,
  onMark,
  severity,
  q,
}: LogsPanelProps & { query: ReturnType<typeof useLogs>; rows: LogRow[] }) {
  const first = query.data?.pages[0];
  if (query.isError && !query.data) {
    return (
      <ChartMessage state="error" height={BODY_HEIGHT_PX} title="Could not load the logs">
        <p>{query.error.message}</p>
        <Button className="mt-2 h-7 text-xs" onClick={() => void query.refetch()}>
          Retry
        </Button>
      </ChartMessage>
    );
  }
  if (!first) {
    return (
      <div data-state="loading" role="status" aria-label="Loading logs" className="flex flex-col gap-2">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    );
  }
  if (first.notConfigured !== undefined) {
    return (
      <ChartMessage state="not-reported" height={120} title="No logs source for this endpoint">
        {first.notConfigured}
      </ChartMessage>
    );
  }
  const refetching = query.isPlaceholderData;
  if (rows.length === 0) {
    return (
      <RefetchOverlay active={refetching}>
        <ChartMessage state="empty" height={120} title={emptyTitle(severity, q)}>
          Choose a lower level, another search or a wider range.
        </ChartMessage>
      </RefetchOverlay>
    );
  }
  return (
    <RefetchOverlay active={refetching}>
      {query.isError && (
        <p role="alert" className="mb-1 text-xs text-red-700 dark:text-red-400">
          Refresh failed: {query.error.message}
        </p>
      )}
      <div className="max-h-[28rem] overflow-auto" data-state="logs">
        <LogRows rows={rows} timeZone={timeZone} markedMs={markedMs} onMark={onMark} />
      </div>
      <div className="mt-2 flex items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          {rows.length.toLocaleString("en-US")} rows{query.hasNextPage ? "; older ones match too" : ""}
        </span>
        {query.hasNextPage && (
          <Button
            className="h-7 text-xs"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? "Loading…" : `Load ${LOGS_LIMITS.defaultRows} older rows`}
          </Button>
        )}
      </div>
    </RefetchOverlay>
  );
}

function emptyTitle(severity: LogSeverity, q: string): string {
  const level = severity === "TRACE" ? "" : `${severity} or higher `;
  return `No ${level}logs in this range${q ? ` containing “${q}”` : ""}`;
}

/** A search box that reports its text once typing pauses, not on each key. */
function SearchBox({ initial, onSearch }: { initial: string; onSearch: (text: string) => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return (
    <input
      type="search"
      aria-label="Search log messages"
      placeholder="Search messages"
      defaultValue={initial}
      maxLength={LOGS_LIMITS.maxQueryLength}
      onChange={(event) => {
        const text = event.target.value;
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
      }}
      className={`${CONTROL_CLASS} w-56`}
    />
  );
}
