"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, type MouseEvent, type Ref } from "react";
import type { EndpointSummary } from "@/lib/api/schemas";
import { formatShare, formatValue } from "@/lib/chart/format";
import { formatAge } from "@/lib/time/duration";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { Sparkline } from "@/components/charts/sparkline";
import { Alert } from "@/components/ui/alert";
import { Button, CONTROL_CLASS } from "@/components/ui/button";
import { PROVIDER_NAMES } from "@/lib/model/platform";
import { ProviderBadge } from "@/components/ui/provider-badge";
import { Skeleton } from "@/components/ui/skeleton";
import { StateBadge } from "@/components/ui/state-badge";
import {
  ERROR_RATE_ALERT,
  filterEndpoints,
  hasLlmFigures,
  LLM_SORT_KEYS,
  parseFleetParams,
  serializeFleetParams,
  sortEndpoints,
  type FleetParams,
  type SortKey,
} from "./fleet-model";
import { useWindowRows } from "./use-window-rows";

const REFRESH_MS = 15_000;

const COLUMNS: { key: SortKey; label: string; numeric?: boolean; title?: string }[] = [
  { key: "name", label: "Endpoint" },
  { key: "state", label: "State" },
  { key: "requestRate", label: "Requests", numeric: true },
  { key: "errorRate", label: "Errors", numeric: true },
  { key: "p99", label: "p99", numeric: true },
  { key: "cpu", label: "CPU", numeric: true },
  { key: "ttft", label: "TTFT p95", numeric: true, title: "Time to first token, 95th percentile" },
  { key: "tokens", label: "Tokens", numeric: true, title: "Prompt and generated tokens per second" },
];
/** Columns after the figures: the sparkline and the last scrape. */
const TRAILING_COLUMNS = 2;

function useFleetParams() {
  const searchParams = useSearchParams();
  const params = useMemo(() => parseFleetParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const update = (patch: Partial<FleetParams>) => {
    // Over the URL as it is now: a second change before the next render keeps the first.
    const current = parseFleetParams(new URLSearchParams(window.location.search));
    const search = serializeFleetParams({ ...current, ...patch });
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  };
  return [params, update] as const;
}

/**
 * One handler for the table's links (a thousand next/link components took ~65 ms more to render): a
 * plain click opens the endpoint in the app, as next/link would; other clicks do what the browser does.
 */
function useRowLinks() {
  const router = useRouter();
  return (event: MouseEvent<HTMLElement>) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-row-link]");
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (!link || event.defaultPrevented || event.button !== 0 || modified) return;
    event.preventDefault();
    router.push(link.getAttribute("href") as string);
  };
}

export function FleetTable() {
  const query = useEndpoints(REFRESH_MS);
  const followRowLink = useRowLinks();
  const [params, update] = useFleetParams();
  const all = query.data?.endpoints;
  const rows = useMemo(
    () => (all ? sortEndpoints(filterEndpoints(all, params), params.sort, params.direction) : []),
    [all, params],
  );
  const states = useMemo(() => [...new Set(all?.map((e) => e.state))].sort(), [all]);
  const providers = useMemo(() => [...new Set(all?.map((e) => e.provider))].sort(), [all]);
  const showLlm = useMemo(() => hasLlmFigures(all ?? []), [all]);
  const columns = COLUMNS.filter((column) => showLlm || !LLM_SORT_KEYS.includes(column.key));
  const span = columns.length + TRAILING_COLUMNS;
  const { bodyRef, items, measureRow, blankBefore, blankAfter } = useWindowRows(rows.length);

  function sortBy(key: SortKey) {
    if (params.sort === key) update({ direction: params.direction === "asc" ? "desc" : "asc" });
    else update({ sort: key, direction: key === "name" || key === "state" ? "asc" : "desc" });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Search
          <input
            type="search"
            value={params.text}
            onChange={(event) => update({ text: event.target.value })}
            placeholder="name, id, model…"
            className={`${CONTROL_CLASS} w-64`}
          />
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Provider
          <select
            className={CONTROL_CLASS}
            value={params.provider ?? ""}
            onChange={(event) => update({ provider: event.target.value || null })}
          >
            <option value="">All providers</option>
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {PROVIDER_NAMES[provider]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          State
          <select
            className={CONTROL_CLASS}
            value={params.state ?? ""}
            onChange={(event) => update({ state: event.target.value || null })}
          >
            <option value="">All states</option>
            {states.map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        </label>
        <Button
          aria-pressed={params.sort === "health"}
          onClick={() => update({ sort: "health", direction: "desc" })}
          title="Errors, failed scrapes and endpoints that are not ready first"
        >
          Unhealthy first
        </Button>
        <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
          {all && `${rows.length} of ${all.length} endpoints`}
          {query.isFetching && all && " · refreshing"}
        </span>
      </div>
      {query.error && (
        <Alert
          tone="error"
          title="Could not load the fleet"
          action={<Button onClick={() => void query.refetch()}>Retry</Button>}
        >
          {query.error.message}
        </Alert>
      )}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table
          className="w-full text-sm"
          aria-label="Endpoints"
          aria-busy={query.isPending}
          // Only the rows in view are drawn: the count says how many there are.
          aria-rowcount={rows.length + 1}
        >
          <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={`px-3 py-2 font-medium ${column.numeric ? "text-right" : ""}`}
                  aria-sort={
                    params.sort === column.key ? (params.direction === "asc" ? "ascending" : "descending") : undefined
                  }
                >
                  <button
                    type="button"
                    onClick={() => sortBy(column.key)}
                    title={column.title}
                    // Numbers align right: the sort arrow goes before their heading, so heading and figures line up.
                    className={`inline-flex items-center gap-1 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:text-zinc-100 ${column.numeric ? "flex-row-reverse" : ""}`}
                  >
                    {column.label}
                    <span aria-hidden className="w-2">
                      {params.sort === column.key ? (params.direction === "asc" ? "▲" : "▼") : ""}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col" className="px-3 py-2 font-medium">
                Last hour
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                <button
                  type="button"
                  onClick={() => sortBy("lastScrape")}
                  className="hover:text-zinc-900 dark:hover:text-zinc-100"
                >
                  Last scrape
                </button>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800" onClick={followRowLink} ref={bodyRef}>
            {query.isPending &&
              [0, 1, 2, 3, 4].map((i) => (
                <tr key={i}>
                  <td colSpan={span} className="px-3 py-2">
                    <Skeleton className="h-5 w-full" />
                  </td>
                </tr>
              ))}
            {blankBefore > 0 && <BlankRow height={blankBefore} span={span} />}
            {items.map(({ index }) => (
              <FleetRow
                key={rows[index]!.id}
                endpoint={rows[index]!}
                index={index}
                measureRow={measureRow}
                fetchedAtMs={query.dataUpdatedAt}
                showLlm={showLlm}
                figureColumns={columns.filter((column) => column.numeric).length}
              />
            ))}
            {blankAfter > 0 && <BlankRow height={blankAfter} span={span} />}
            {all && rows.length === 0 && (
              <tr>
                <td colSpan={span} className="px-3 py-6 text-center text-zinc-500">
                  {all.length === 0 ? "No endpoints discovered yet." : "No endpoint matches these filters."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The height of the rows out of view, so the page scrolls as if they were there. */
function BlankRow({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden style={{ height }}>
      <td colSpan={span} />
    </tr>
  );
}

function FleetRow({
  endpoint,
  index,
  measureRow,
  fetchedAtMs,
  showLlm,
  figureColumns,
}: {
  endpoint: EndpointSummary;
  index: number;
  measureRow: Ref<HTMLTableRowElement>;
  fetchedAtMs: number;
  showLlm: boolean;
  figureColumns: number;
}) {
  const { headline, lastScrape } = endpoint;
  const erroring = (headline.errorRate ?? 0) >= ERROR_RATE_ALERT;
  // Pay-per-token endpoints have no metrics, but figures from their usage table.
  const hasFigures = endpoint.metrics.available || endpoint.headlineSource !== undefined;
  return (
    <tr
      ref={measureRow}
      data-index={index}
      aria-rowindex={index + 2}
      className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60"
      data-endpoint-id={endpoint.id}
    >
      <td className="px-3 py-2">
        <div className="flex items-center gap-2">
          <ProviderBadge provider={endpoint.provider} />
          {/* Followed by the table's handler; not prefetched, as each row in view would ask for an endpoint page. */}
          <a
            href={`/endpoints/${encodeURIComponent(endpoint.id)}`}
            data-row-link
            className="font-medium text-sky-800 hover:underline dark:text-sky-300"
          >
            {endpoint.name}
          </a>
        </div>
      </td>
      <td className="px-3 py-2">
        <StateBadge state={endpoint.state} />
      </td>
      {hasFigures && endpoint.headlineError ? (
        <td
          colSpan={figureColumns + 1}
          className="px-3 py-2 text-xs text-amber-800 dark:text-amber-300"
          data-testid="headline-error"
        >
          Figures unavailable: {endpoint.headlineError}
        </td>
      ) : hasFigures ? (
        <>
          <td className="px-3 py-2 text-right tabular-nums" title={endpoint.headlineSource}>
            {formatValue(headline.requestRate, "req/s")}
            {endpoint.headlineSource && <span className="ml-1 text-[10px] text-zinc-500">usage</span>}
          </td>
          <td
            className={`px-3 py-2 text-right tabular-nums ${erroring ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
          >
            {formatShare(headline.errorRate)}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{formatValue(headline.p99Ms, "ms")}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatValue(headline.cpuPct, "%")}</td>
          {showLlm && (
            <>
              <td className="px-3 py-2 text-right tabular-nums">{formatValue(headline.ttftP95Ms, "ms")}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatValue(headline.tokenRate, "tok/s")}</td>
            </>
          )}
          <td className="px-3 py-1">
            {endpoint.sparkline && (
              <Sparkline sparkline={endpoint.sparkline} label={`Request rate of ${endpoint.name} over the last hour`} />
            )}
          </td>
        </>
      ) : (
        // In place of the figures and the sparkline.
        <td
          colSpan={figureColumns + 1}
          className="px-3 py-2 text-xs text-zinc-600 dark:text-zinc-400"
          data-testid="no-metrics-reason"
        >
          No metrics: {endpoint.metrics.reason ?? "not reported"}
        </td>
      )}
      <td className="px-3 py-2 text-right text-xs whitespace-nowrap tabular-nums">
        {lastScrape === null ? (
          <span className="text-zinc-400">never</span>
        ) : (
          <span
            className={
              lastScrape.ok ? "text-zinc-600 dark:text-zinc-400" : "font-semibold text-red-700 dark:text-red-400"
            }
            title={scrapeTitle(lastScrape)}
          >
            {lastScrape.ok ? "" : "failed · "}
            {formatAge(fetchedAtMs - lastScrape.at)} ago
            {(lastScrape.warnings?.length ?? 0) > 0 || lastScrape.deferredUntil !== undefined ? (
              <span className="ml-1 text-amber-700 dark:text-amber-400" aria-label="with warnings">
                ⚠
              </span>
            ) : null}
          </span>
        )}
      </td>
    </tr>
  );
}

/** What the last scrape's cell says on hover: the failure, and whatever was kept back. */
function scrapeTitle(lastScrape: NonNullable<EndpointSummary["lastScrape"]>): string | undefined {
  const lines = [
    lastScrape.error ?? (lastScrape.ok || lastScrape.status === null ? null : `HTTP ${lastScrape.status}`),
    ...(lastScrape.warnings ?? []),
  ].filter((line): line is string => line !== null);
  return lines.length > 0 ? lines.join("\n") : undefined;
}
