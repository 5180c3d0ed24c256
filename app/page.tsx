import { dehydrate, QueryClient } from "@tanstack/react-query";
import { Suspense } from "react";
import { FleetHydration } from "@/components/fleet/fleet-hydration";
import { FleetSkeleton } from "@/components/fleet/fleet-skeleton";
import { FleetTable } from "@/components/fleet/fleet-table";
import { EndpointListSchema } from "@/lib/api/schemas";
import { endpointsQueryOptions } from "@/lib/hooks/use-endpoints";
import { toFleet } from "@/lib/server/endpoint-view";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export default function FleetPage() {
  return (
    <main className="mx-auto w-full max-w-[1600px] px-4 py-4">
      <h1 className="mb-3 text-xl font-semibold">
        <span className="sr-only">Servescope </span>Fleet
      </h1>
      {/* The shell and its scripts go out at once; the rows follow as HTML when the figures are computed. */}
      <Suspense fallback={<FleetSkeleton />}>
        <RenderedFleet />
      </Suspense>
    </main>
  );
}

/** What GET /api/endpoints answers now, as the browser would read it. */
async function computeFleet() {
  return EndpointListSchema.parse(await toFleet(getRuntime(), Date.now()));
}

/**
 * The table rendered on the server with the API's answer: the rows in view are on screen before the
 * scripts have run. If computing it fails, the browser asks the API itself and shows that error.
 */
async function RenderedFleet() {
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({
    ...endpointsQueryOptions(false),
    queryFn: computeFleet,
  });
  return (
    <FleetHydration state={JSON.stringify(dehydrate(queryClient))}>
      <FleetTable />
    </FleetHydration>
  );
}
