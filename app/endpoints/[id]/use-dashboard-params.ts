"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseDashboardParams, serializeDashboardParams, type DashboardParams } from "./search-params";

/**
 * The URL is the dashboard's only store of view state. Changes go through the History API, which
 * Next keeps in sync with useSearchParams, so no server round trip happens on a zoom or a toggle.
 */
export function useDashboardParams() {
  const searchParams = useSearchParams();
  const parsed = useMemo(() => parseDashboardParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  // The patch goes over the URL as it is now, not as this render saw it: two changes before the
  // next render (a level picked, then a debounced search) must both survive.
  const update = useCallback((patch: Partial<DashboardParams>, history: "push" | "replace" = "push") => {
    const current = parseDashboardParams(new URLSearchParams(window.location.search)).params;
    const url = `${window.location.pathname}?${serializeDashboardParams({ ...current, ...patch })}`;
    if (history === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return { ...parsed, update };
}
