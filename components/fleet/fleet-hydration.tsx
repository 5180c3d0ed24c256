"use client";

import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";

/**
 * The server's query cache, handed over as one JSON text: React would otherwise encode the fleet's
 * hundred thousand values one by one, and decode them twice (on the server for the HTML, then here).
 */
export function FleetHydration({ state, children }: { state: string; children: ReactNode }) {
  const dehydrated = useMemo(() => JSON.parse(state) as DehydratedState, [state]);
  return <HydrationBoundary state={dehydrated}>{children}</HydrationBoundary>;
}
